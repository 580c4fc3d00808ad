package dev.activitylive.container;

import dev.activitylive.wire.InboundGuard;
import java.util.Optional;

/**
 * A WebSocket connection whose client bytes pass activity-live's {@link InboundGuard} before the WebSocket container
 * reads them, where the server lets a WAR see them (Payara's; see {@code ThisServer.openingConnection}). It knows
 * when the container is reading it: the container reads holding a monitor ({@link #readLock()}) that a writer should
 * not wait for while others have frames to send ({@link #reading()}, {@link #afterEachRead}).
 */
public interface GuardedConnection {

    /** The guard the client's bytes pass: its limits, and the pings it takes out of the stream. */
    InboundGuard guard();

    /** Whether the container is reading this connection now (and so holds its read monitor). */
    boolean reading();

    /** Runs {@code task} on the reading thread after each time the container has read this connection. */
    void afterEachRead(Runnable task);

    /**
     * Reads nothing more of the client and lets go of every state of ours: the connection is closed or closing (by
     * the client, by us, or by the container), and the container may hold a closed connection for a while.
     */
    void drop();

    /** The monitor the container reads this connection under, for writes to take; empty where it is not found. */
    Optional<ReadLock> readLock();
}
