package dev.activitylive.live;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * The input of an upgraded connection as the WebSocket container reads it: the client's bytes after the
 * {@link InboundGuard}. What the guard passes on beyond what one read asks for (a refusal's close frame) waits here,
 * and the stream says it is ready until it has been read.
 */
final class GuardedInput extends ServletInputStream {

    private final ServletInputStream in;
    private volatile InboundGuard guard;
    private final UnaryOperator<ReadListener> listeners;
    private final ByteArrayOutputStream passed = new ByteArrayOutputStream(256);
    private byte[] waiting = new byte[0];
    private int waitingAt;
    private byte[] scratch = new byte[0];

    GuardedInput(ServletInputStream in, InboundGuard guard, UnaryOperator<ReadListener> listeners) {
        this.in = in;
        this.guard = guard;
        this.listeners = listeners;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (waitingAt < waiting.length) {
            return handOut(buffer, offset, length);
        }
        if (scratch.length < length) {
            scratch = new byte[length];
        }
        int read = in.read(scratch, 0, length);
        if (read <= 0) {
            return read;
        }
        InboundGuard current = guard;
        if (current.ended()) {
            return 0; // the client closed or was refused: what it sends after that is not read
        }
        passed.reset();
        current.filter(scratch, 0, read, passed);
        waiting = passed.toByteArray();
        waitingAt = 0;
        return handOut(buffer, offset, length);
    }

    private int handOut(byte[] buffer, int offset, int length) {
        int count = Math.min(length, waiting.length - waitingAt);
        System.arraycopy(waiting, waitingAt, buffer, offset, count);
        waitingAt += count;
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read;
        do {
            read = read(one, 0, 1);
        } while (read == 0 && isReady());
        return read <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int available() throws IOException {
        return (waiting.length - waitingAt) + in.available();
    }

    @Override
    public boolean isReady() {
        return waitingAt < waiting.length || in.isReady();
    }

    @Override
    public boolean isFinished() {
        return waitingAt >= waiting.length && in.isFinished();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listeners.apply(listener));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads nothing more, and holds nothing of the client's. */
    void drop() {
        guard = InboundGuard.ENDED;
        waiting = new byte[0];
        waitingAt = 0;
    }
}
