package dev.activitylive.container.payara;

import dev.activitylive.container.GuardedConnection;
import dev.activitylive.container.ReadLock;
import dev.activitylive.wire.InboundGuard;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.util.Optional;

/**
 * An upgraded connection whose input reaches the WebSocket container through an {@link InboundGuard}, and which
 * knows when the container is reading it: the servlet container reads a connection holding a monitor of its own, and
 * a writer that needs that monitor ({@link ReadHandlerLock}) should not wait for it while others have frames to send
 * ({@link #reading()}, {@link #afterEachRead}).
 *
 * <p>It also keeps the container from hanging a thread for good. Tyrus's upgrade handler registers its read listener
 * during its {@code init} and then waits, in that listener, until {@code init} has finished; Payara's servlet
 * container calls the listener at once, on the same thread, when the client's first frame came with its handshake
 * (a client that sends without waiting for the 101) — so that thread waits for itself, for ever (every such client
 * took one HTTP thread, on Payara Micro 6.2025.10 / Tyrus 2.1.5). A call of the listener during {@code init} on the
 * opening thread is held here and made once {@code init} has returned ({@link #opened}).
 */
public final class GuardedWebConnection implements WebConnection, GuardedConnection {

    /** The connection whose WebSocket session is being opened on this thread. */
    static final ThreadLocal<GuardedWebConnection> OPENING = new ThreadLocal<>();

    private final WebConnection connection;
    private volatile InboundGuard guard;
    private GuardedInput input;
    private volatile boolean reading;
    private volatile Runnable afterRead = () -> { };
    /** A call of the listener that came while the WebSocket container was still opening the connection. */
    private Reading held;

    GuardedWebConnection(WebConnection connection, InboundGuard guard) {
        this.connection = connection;
        this.guard = guard;
    }

    /** The connection whose session is opening on this thread, if it is guarded. */
    public static Optional<GuardedConnection> opening() {
        return Optional.ofNullable(OPENING.get());
    }

    @Override
    public InboundGuard guard() {
        return guard;
    }

    @Override
    public boolean reading() {
        return reading;
    }

    @Override
    public void afterEachRead(Runnable task) {
        afterRead = task;
    }

    @Override
    public synchronized void drop() {
        afterRead = () -> { };
        guard.onPing(payload -> { });
        guard = InboundGuard.ENDED;
        if (input != null) {
            input.drop();
        }
    }

    /** The servlet container's own input stream of the connection: where its read monitor is found. */
    ServletInputStream containerInput() throws IOException {
        return connection.getInputStream();
    }

    /** The monitor of Payara's read handler of this connection, found through its servlet input. */
    @Override
    public Optional<ReadLock> readLock() {
        try {
            return Optional.of(ReadHandlerLock.ofInput(containerInput()));
        } catch (IOException notThere) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
        if (input == null) {
            input = new GuardedInput(connection.getInputStream(), guard(), this::marking);
        }
        return input;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        return connection.getOutputStream();
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (IOException | RuntimeException failed) {
            throw failed;
        } catch (Exception failed) {
            throw new IOException(failed);
        } finally {
            drop();
        }
    }

    /** {@code listener}, telling this connection when it runs, and holding calls made while the connection opens. */
    private ReadListener marking(ReadListener listener) {
        return new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                callOrHold(() -> during(listener::onDataAvailable));
            }

            // The end of the client's data, or of the connection: nothing more will be read.
            @Override
            public void onAllDataRead() throws IOException {
                callOrHold(() -> {
                    try {
                        during(listener::onAllDataRead);
                    } finally {
                        drop();
                    }
                });
            }

            @Override
            public void onError(Throwable failure) {
                try {
                    callOrHold(() -> {
                        try {
                            during(() -> listener.onError(failure));
                        } finally {
                            drop();
                        }
                    });
                } catch (IOException cannotHappen) {
                    throw new IllegalStateException(cannotHappen);
                }
            }
        };
    }

    private void callOrHold(Reading call) throws IOException {
        if (OPENING.get() == this) {
            held = call; // the opening thread itself, inside the container's init: see the class comment
        } else {
            call.run();
        }
    }

    /** Whether a call of the read listener came while the WebSocket container was opening the connection. */
    boolean heldACall() {
        return held != null;
    }

    /**
     * The WebSocket container has opened the connection: makes the call of the read listener that came meanwhile
     * (under the read monitor, as the servlet container makes it: the caller takes it).
     */
    void opened() throws IOException {
        Reading call = held;
        held = null;
        if (call != null) {
            call.run();
        }
    }

    private interface Reading {
        void run() throws IOException;
    }

    private void during(Reading read) throws IOException {
        reading = true;
        try {
            read.run();
        } finally {
            reading = false;
            afterRead.run();
        }
    }
}
