package dev.activitylive.transport;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * How one client's queued frames reach its socket. Its outbox calls {@link #write} with one batch at a time and waits
 * for {@code written} before the next, so a transport never sees two writes of one client overlap.
 */
public interface Transport {

    /** At most this many frames per write: 1 where every frame is its own send. */
    int maxFramesPerWrite();

    /**
     * Starts writing {@code frames}, in order, and calls {@code written} exactly once when done: with {@code null},
     * or with the failure. It may be called before this method returns, on any thread. A failure to start may also
     * be thrown.
     */
    void write(List<Outbound> frames, Consumer<Throwable> written);

    /** What the transport's writes must respect of the connection's reading side. */
    ReadSide readSide();

    /**
     * Whether a write may start now without waiting on the container: false while the container reads the
     * connection holding the monitor a write takes. The outbox then waits for {@link #whenReady}'s call instead.
     */
    default boolean ready() {
        return readSide().ready();
    }

    /** Has {@code resume} run whenever the transport becomes {@link #ready()} again; may run it when not needed. */
    default void whenReady(Runnable resume) {
        readSide().whenReady(resume);
    }

    /**
     * Whether the client on the other end answers pings (or talks at all): a WebSocket does, so one not heard from
     * for the client timeout is dead; an event stream cannot, and is given up only when a write to it fails.
     */
    default boolean answersPings() {
        return true;
    }

    /**
     * Where this connection's drains run: the writer pool by default; a transport whose server has a thread of its
     * own for the connection, which a drain's writes never block, may run them there and spare a hand-over; one whose
     * server may block a write, on threads of their own ({@link Writers#mayBlock()}).
     */
    default Executor drainsOn(Writers writers) {
        return writers;
    }

    /**
     * Where this connection is closed when activity-live lets it go: a close waits for a write in progress, so where
     * a write may block, on threads of their own; else the writer pool (not the server's I/O thread: a WildFly
     * session closed on it reached its client without a close frame, 1006).
     */
    default Executor closesOn(Writers writers) {
        return writers;
    }

    /**
     * The name operators see in the client list: the server's own send path ({@code raw-frames},
     * {@code channel-batches}, {@code channel-writes}), {@code portable} or {@code event-stream}.
     */
    String name();
}
