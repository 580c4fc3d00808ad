package dev.activitylive.wire;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reads what a client sends, frame header by frame header, before the WebSocket container parses it, and enforces the
 * client's limits on the wire: every frame (data, continuation, ping, pong) counts against the client's rate; a data
 * frame whose header announces more than the message limit (with the fragments before it) is refused at its header,
 * so no byte of it is ever buffered; an unmasked frame is refused (RFC 6455 §5.1). A refusal becomes a close frame
 * handed to the container in the frame's place, as if the client had sent it, so the container closes the connection
 * with that code through its own close path; everything after it is dropped. The client's pings are taken out of the
 * stream and answered through the client's own queue ({@link #onPing}), behind what it already waits for.
 *
 * <p>Not thread-safe: the container reads a connection on one thread at a time.
 */
public final class InboundGuard {

    /** Why a client was refused, and the close frame that says so. */
    enum Refusal {
        UNMASKED(CloseReasons.UNMASKED_FRAME.getCloseCode().getCode(), CloseReasons.UNMASKED_FRAME.getReasonPhrase()),
        TOO_BIG(CloseReasons.MESSAGE_TOO_BIG.getCloseCode().getCode(), CloseReasons.MESSAGE_TOO_BIG.getReasonPhrase()),
        TOO_MANY(CloseReasons.TOO_MANY_MESSAGES.getCloseCode().getCode(),
                CloseReasons.TOO_MANY_MESSAGES.getReasonPhrase());

        private final byte[] closeFrame;

        Refusal(int code, String reason) {
            this.closeFrame = maskedClose(code, reason);
        }

        /** A client's close frame (masked with a zero key: the payload reads as it is) carrying the code and reason. */
        private static byte[] maskedClose(int code, String reason) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[2 + 4 + 2 + text.length];
            frame[0] = (byte) (FIN | CLOSE);
            frame[1] = (byte) (MASKED | (2 + text.length));
            frame[6] = (byte) (code >>> 8);
            frame[7] = (byte) code;
            System.arraycopy(text, 0, frame, 8, text.length);
            return frame;
        }
    }

    private static final int FIN = 0x80;
    private static final int MASKED = 0x80;
    private static final int CONTINUATION = 0x0;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    /** RFC 6455 §5.5: a control frame's payload is at most 125 bytes. */
    private static final int MAX_CONTROL_PAYLOAD = 125;

    private final long maxMessageBytes;
    private final MessageRate rate;
    private final LongSupplier nanoClock;
    private Consumer<byte[]> pings = payload -> { };

    /** The header of the frame being read: 2 to 14 bytes, held back until complete and approved. */
    private final byte[] header = new byte[14];
    private int headerRead;
    /** Payload bytes of the current frame still to come; -1 while its header is incomplete. */
    private long payloadLeft = -1;
    /** Where a ping's payload is gathered before it is answered; null while the frame is not a ping. */
    private byte[] ping;
    private int pingRead;
    /** Bytes of the data message being received, over its fragments so far. */
    private long messageBytes;
    /** Set once the client's close frame has passed, or a refusal was handed on: nothing after it is read. */
    private boolean ended;
    private Refusal refusal;

    /** Reads nothing: the guard of a connection the container has let go of, which holds no state of a client. */
    public static final InboundGuard ENDED = new InboundGuard();

    public InboundGuard(int maxMessageBytes, int framesPerSecond, LongSupplier nanoClock) {
        this.maxMessageBytes = maxMessageBytes;
        this.nanoClock = nanoClock;
        this.rate = new MessageRate(framesPerSecond, nanoClock.getAsLong());
    }

    private InboundGuard() {
        this.maxMessageBytes = 0;
        this.nanoClock = () -> 0;
        this.rate = null;
        this.ended = true;
    }

    /** From now on, each ping's payload (unmasked) goes to {@code answer}, which must queue the pong. */
    public void onPing(Consumer<byte[]> answer) {
        if (this != ENDED) { // shared: it must never hold a client
            this.pings = answer;
        }
    }

    /** The refusal handed on, if any. */
    Refusal refusal() {
        return refusal;
    }

    /** Whether nothing more of the client will be read: it closed, or it was refused. */
    public boolean ended() {
        return ended;
    }

    /** Where the guard passes on what the container may read. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes, int offset, int length);
    }

    /**
     * Passes on to {@code out} what the container may see of the {@code length} bytes at {@code offset}: the frames
     * as they came, without pings, up to a refusal, which is passed on as a close frame.
     */
    public void filter(byte[] in, int offset, int length, Sink out) {
        int at = offset;
        int end = offset + length;
        while (at < end && !ended) {
            if (payloadLeft < 0) {
                at = readHeader(in, at, end, out);
            } else {
                int chunk = (int) Math.min(payloadLeft, end - at);
                if (ping != null) {
                    System.arraycopy(in, at, ping, pingRead, chunk);
                    pingRead += chunk;
                } else {
                    out.write(in, at, chunk);
                }
                at += chunk;
                payloadLeft -= chunk;
                if (payloadLeft == 0) {
                    frameDone();
                }
            }
        }
    }

    /** Takes header bytes; once the header is whole, judges the frame. Answers where reading goes on. */
    private int readHeader(byte[] in, int at, int end, Sink out) {
        while (at < end && headerRead < headerLength()) {
            header[headerRead++] = in[at++];
        }
        if (headerRead < headerLength()) {
            return at;
        }
        judge(out);
        return at;
    }

    /** How long the header is, as far as its bytes so far tell: 2, then with the extended length and the mask. */
    private int headerLength() {
        if (headerRead < 2) {
            return 2;
        }
        int lengthCode = header[1] & 0x7f;
        int extended = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
        return 2 + extended + ((header[1] & MASKED) != 0 ? 4 : 0);
    }

    private void judge(Sink out) {
        int opcode = header[0] & 0x0f;
        long length = payloadLength();
        boolean data = opcode == TEXT || opcode == BINARY || opcode == CONTINUATION;
        if ((header[1] & MASKED) == 0) {
            refuse(Refusal.UNMASKED, out);
        } else if (opcode != CLOSE && !rate.admit(nanoClock.getAsLong())) {
            refuse(Refusal.TOO_MANY, out);
        } else if (data && (length < 0 || (opcode == CONTINUATION ? messageBytes : 0) + length > maxMessageBytes)) {
            refuse(Refusal.TOO_BIG, out);
        } else {
            if (data) {
                messageBytes = (opcode == CONTINUATION ? messageBytes : 0) + length;
            }
            if (opcode == PING && length <= MAX_CONTROL_PAYLOAD) {
                ping = new byte[(int) length];
                pingRead = 0;
            } else {
                out.write(header, 0, headerRead);
            }
            payloadLeft = length;
            if (length == 0) {
                frameDone();
            }
        }
    }

    /** The payload length the header announces; negative if its 64-bit form has the top bit set (RFC: must not). */
    private long payloadLength() {
        int lengthCode = header[1] & 0x7f;
        if (lengthCode < 126) {
            return lengthCode;
        }
        long length = 0;
        for (int i = 0; i < (lengthCode == 126 ? 2 : 8); i++) {
            length = (length << 8) | (header[2 + i] & 0xff);
        }
        return length;
    }

    private void frameDone() {
        int opcode = header[0] & 0x0f;
        if (ping != null) {
            byte[] payload = ping;
            unmask(payload);
            ping = null;
            pings.accept(payload);
        }
        if ((header[0] & FIN) != 0 && opcode < CLOSE) {
            messageBytes = 0; // a data message ends; control frames may come between its fragments
        }
        ended = opcode == CLOSE;
        headerRead = 0;
        payloadLeft = -1;
    }

    private void unmask(byte[] payload) {
        int key = headerRead - 4;
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= header[key + (i & 3)];
        }
    }

    private void refuse(Refusal why, Sink out) {
        refusal = why;
        ended = true;
        out.write(why.closeFrame, 0, why.closeFrame.length);
    }
}
