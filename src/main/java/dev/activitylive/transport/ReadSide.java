package dev.activitylive.transport;

import dev.activitylive.container.GuardedConnection;
import dev.activitylive.container.ReadLock;
import java.util.Optional;

/**
 * What a transport must respect of the connection's reading side: the servlet container reads a connection holding
 * its reader's monitor, and answers the client's close frame there. A write taken under the same monitor
 * ({@link ReadLock}) can neither deadlock with that reader nor slip in behind the close frame it writes; and
 * where the connection is guarded, a write need not wait for the monitor while the container reads
 * ({@link #ready()}): the outbox parks the drain and is resumed after the read ({@link #whenReady}).
 */
final class ReadSide {

    /** Nothing known of the reading side: writes go unlocked, any time. */
    static final ReadSide UNKNOWN = new ReadSide(ReadLock.NONE, null);

    private final ReadLock lock;
    private final GuardedConnection guarded;

    private ReadSide(ReadLock lock, GuardedConnection guarded) {
        this.lock = lock;
        this.guarded = guarded;
    }

    /**
     * The reading side of a connection: its reader's monitor found through the guarded connection's container input
     * where there is one, else {@code connectionLock} (the send path's, {@link ReadLock#NONE} if unknown).
     */
    static ReadSide of(Optional<GuardedConnection> guarded, ReadLock connectionLock) {
        ReadLock lock = guarded.flatMap(GuardedConnection::readLock).orElse(connectionLock);
        return lock == ReadLock.NONE && guarded.isEmpty() ? UNKNOWN : new ReadSide(lock, guarded.orElse(null));
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

    /** Runs {@code write} under the reader's monitor where there is one. */
    <T> T write(ReadLock.Action<T> write) throws Throwable {
        return lock.call(write);
    }
}
