package dev.activitylive.container.payara;

import dev.activitylive.wire.InboundGuard;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The input of an upgraded connection as the WebSocket container reads it: the client's bytes after the
 * {@link InboundGuard}, written straight into the container's buffer. What the guard passes on beyond what one read
 * asks for (a refusal's close frame) waits here, and the stream says it is ready until it has been read.
 *
 * <p>A read takes at most as many of the client's bytes as the container asked for, and at most
 * {@value #READ_AT_MOST}, into a buffer of the reading thread's: an idle connection holds no buffer at all.
 */
final class GuardedInput extends ServletInputStream {

    static final int READ_AT_MOST = 8192;
    // A byte[] only, so the container's threads keep nothing that holds this application's class loader
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[READ_AT_MOST]);
    private static final byte[] NOTHING = new byte[0];

    private final ServletInputStream in;
    private volatile InboundGuard guard;
    private final UnaryOperator<ReadListener> listeners;
    private final InboundGuard.Sink passOn = this::passOn;
    private byte[] waiting = NOTHING;
    private int waitingAt;
    // The container's buffer while a read fills it
    private byte[] target;
    private int targetAt;
    private int targetEnd;

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
        byte[] scratch = SCRATCH.get();
        int read = in.read(scratch, 0, Math.min(length, READ_AT_MOST));
        if (read <= 0) {
            return read;
        }
        InboundGuard current = guard;
        if (current.ended()) {
            return 0; // the client closed or was refused: what it sends after that is not read
        }
        target = buffer;
        targetAt = offset;
        targetEnd = offset + length;
        try {
            current.filter(scratch, 0, read, passOn);
            return targetAt - offset;
        } finally {
            target = null;
        }
    }

    /** Takes what the guard passes on during a read: into the container's buffer while it has room. */
    private void passOn(byte[] bytes, int offset, int length) {
        int fits = Math.min(length, targetEnd - targetAt);
        System.arraycopy(bytes, offset, target, targetAt, fits);
        targetAt += fits;
        if (fits < length) {
            byte[] more = Arrays.copyOf(waiting, waiting.length + length - fits);
            System.arraycopy(bytes, offset + fits, more, waiting.length, length - fits);
            waiting = more;
        }
    }

    private int handOut(byte[] buffer, int offset, int length) {
        int count = Math.min(length, waiting.length - waitingAt);
        System.arraycopy(waiting, waitingAt, buffer, offset, count);
        waitingAt += count;
        if (waitingAt == waiting.length) {
            waiting = NOTHING;
            waitingAt = 0;
        }
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
        waiting = NOTHING;
        waitingAt = 0;
    }
}
