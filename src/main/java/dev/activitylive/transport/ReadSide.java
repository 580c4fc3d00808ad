package dev.activitylive.transport;

import dev.activitylive.container.GuardedConnection;
import dev.activitylive.container.ReadHandlerLock;
import java.io.IOException;
import java.util.Optional;

/**
 * What a transport must respect of the connection's reading side: the servlet container reads a connection holding
 * its read handler's monitor, and answers the client's close frame there. A write taken under the same monitor
 * ({@link ReadHandlerLock}) can neither deadlock with that reader nor slip in behind the close frame it writes; and
 * where the connection is guarded, a write need not wait for the monitor while the container reads
 * ({@link #ready()}): the outbox parks the drain and is resumed after the read ({@link #whenReady}).
 */
final class ReadSide {

    /** Nothing known of the reading side: writes go unlocked, any time. */
    static final ReadSide UNKNOWN = new ReadSide(null, null);

    private final ReadHandlerLock lock;
    private final GuardedConnection guarded;

    private ReadSide(ReadHandlerLock lock, GuardedConnection guarded) {
        this.lock = lock;
        this.guarded = guarded;
    }

    /**
     * The reading side of a connection: found through the guarded connection's container input where there is one,
     * else through Tyrus's socket {@code webSocket} (null if unknown).
     */
    static ReadSide of(Optional<GuardedConnection> guarded, Object webSocket) {
        Optional<ReadHandlerLock> fromInput = guarded.flatMap(ReadSide::containerInput).map(ReadHandlerLock::ofInput);
        ReadHandlerLock lock = fromInput
                .orElseGet(() -> webSocket == null ? null : ReadHandlerLock.ofWebSocket(webSocket));
        return lock == null && guarded.isEmpty() ? UNKNOWN : new ReadSide(lock, guarded.orElse(null));
    }

    private static Optional<Object> containerInput(GuardedConnection connection) {
        try {
            return Optional.of(connection.containerInput());
        } catch (IOException notThere) {
            return Optional.empty();
        }
    }

    /** Whether a write may start without waiting for the container's reader. */
    boolean ready() {
        return guarded == null || !guarded.reading();
    }

    /** Has {@code resume} run after each read of a guarded connection. */
    void whenReady(Runnable resume) {
        if (guarded != null) {
            guarded.afterEachRead(resume);
        }
    }

    /** Runs {@code write} under the read handler's monitor where there is one. */
    <T> T write(ReadHandlerLock.Action<T> write) throws Throwable {
        return lock == null ? write.run() : lock.call(write);
    }
}
