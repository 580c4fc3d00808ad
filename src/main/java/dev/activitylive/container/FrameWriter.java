package dev.activitylive.container;

import jakarta.websocket.Session;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A server's own way to write several complete WebSocket frames of one connection at once: frames encoded once for
 * every client they go to, and a client's pending ones in one socket write. The standard API cannot (one send per
 * message, batching optional and, where it exists, not one write). Found once, at deployment, by
 * {@code ThisServer}; where the server has none, connections use the standard sends.
 */
public interface FrameWriter {

    /** The send path operators see in the client list. */
    String name();

    /** What to write {@code session}'s frames to; empty where this connection cannot be written this way. */
    Optional<Object> connectionOf(Session session);

    /**
     * Starts writing {@code frames} (complete server frames: text, ping or pong), in order; the stage completes when
     * they are written or the write failed, possibly before this returns. Never waits for the socket.
     */
    CompletionStage<?> write(Object connection, List<byte[]> frames) throws Throwable;

    /**
     * Whether {@code connection} (the session, or what the server hangs under it) is {@code type}, the server's own,
     * and {@code session} negotiated no extension: only then do frames go out exactly as they were encoded.
     */
    static boolean writesAsEncoded(Session session, Object connection, Class<?> type) {
        return type.isInstance(connection) && session.getNegotiatedExtensions().isEmpty();
    }

    /** The monitor of the server's reader of {@code connection}, for writes to take. */
    default ReadLock readLockOf(Object connection) {
        return ReadLock.NONE;
    }

    /**
     * Whether closing a connection may wait for a batch still out to a client that does not read (the server's close
     * takes the connection's writing as a batch does, and holds on until it is free or its own time runs out).
     */
    default boolean closesMayWait() {
        return false;
    }

    /** A thread of the server's own on which a write to {@code connection} goes out at once, with no hand-over. */
    default Optional<Executor> ownThreadOf(Object connection) {
        return Optional.empty();
    }
}
