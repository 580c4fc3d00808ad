package dev.activitylive.container.payara;

import dev.activitylive.container.FrameWriter;
import dev.activitylive.container.ReadLock;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place that knows Tyrus's internals: access to {@code TyrusWebSocket.sendRawFrame(ByteBuffer)}, which writes
 * bytes that already are complete frames, in one write, under Tyrus's own send lock. Standard Jakarta WebSocket
 * cannot write several frames at once ({@code setBatchingAllowed}/{@code flushBatch} do nothing in Tyrus), and one
 * write per client carrying every pending frame is what makes fan-out cheap.
 *
 * <p>The only non-public member used is the field {@code TyrusRemoteEndpoint.webSocket}; the method is public.
 * Both exist in Tyrus 2.1.5 (Payara 6.2025.10) and 2.2.0 (Payara 7.2025.1). {@link #detect} looks for them once,
 * at deployment; if anything is missing or inaccessible the portable path is used and the reason logged.
 *
 * <p>What a raw write skips, and why that is fine here: extensions (used only when none was negotiated, checked per
 * connection); Tyrus's per-message monitoring counters (off unless Tyrus monitoring is switched on; our own counters
 * are the ones that matter); the restart of Tyrus's session idle timer (we set no Tyrus idle timeout: idle clients
 * are found by the idle check from what the client sends, which a send must not reset anyway).
 */
public final class RawFrames implements FrameWriter {

    private static final Logger LOG = Logger.getLogger(RawFrames.class.getName());
    public static final String NAME = "raw-frames";
    static final String REMOTE_ENDPOINT = "org.glassfish.tyrus.core.TyrusRemoteEndpoint";
    static final String WEB_SOCKET = "org.glassfish.tyrus.core.TyrusWebSocket";

    private final Class<?> remoteEndpointType;
    private final MethodHandle webSocketOf;
    private final MethodHandle sendRawFrame;

    private RawFrames(Class<?> remoteEndpointType, MethodHandle webSocketOf, MethodHandle sendRawFrame) {
        this.remoteEndpointType = remoteEndpointType;
        this.webSocketOf = webSocketOf;
        this.sendRawFrame = sendRawFrame;
    }

    /** Looks for Tyrus's raw-frame write through {@code containerLoader}, the loader of the WebSocket container. */
    public static Optional<RawFrames> detect(ClassLoader containerLoader) {
        try {
            Class<?> remoteEndpoint = Class.forName(REMOTE_ENDPOINT, false, containerLoader);
            Class<?> webSocket = Class.forName(WEB_SOCKET, false, containerLoader);
            Field field = remoteEndpoint.getDeclaredField("webSocket");
            if (field.getType() != webSocket) {
                throw new NoSuchFieldException("webSocket is a " + field.getType().getName());
            }
            field.setAccessible(true);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle getter = lookup.unreflectGetter(field).asType(MethodType.methodType(Object.class, Object.class));
            MethodHandle send = lookup.findVirtual(webSocket, "sendRawFrame", MethodType.methodType(Future.class, ByteBuffer.class))
                    .asType(MethodType.methodType(Future.class, Object.class, ByteBuffer.class));
            return Optional.of(new RawFrames(remoteEndpoint, getter, send));
        } catch (ClassNotFoundException notTyrus) {
            LOG.log(Level.FINE, "Not Tyrus: {0}", notTyrus.toString());
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            LOG.log(Level.INFO, "Raw frame writes unavailable ({0}); using portable sends", unavailable.toString());
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Tyrus's socket of {@code session}, to write raw frames to; empty if its connection is not a plain Tyrus one. */
    @Override
    public Optional<Object> connectionOf(Session session) {
        Object remote = session.getAsyncRemote();
        if (!FrameWriter.writesAsEncoded(session, remote, remoteEndpointType)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(webSocketOf.invokeExact(remote));
        } catch (Throwable unreadable) {
            LOG.log(Level.FINE, "No raw frames for a connection: {0}", unreadable.toString());
            return Optional.empty();
        }
    }

    /** The frames back to back, in one raw write: Tyrus completes its future when they are written. */
    @Override
    public CompletionStage<?> write(Object webSocket, List<byte[]> frames) throws Throwable {
        Future<?> sent = (Future<?>) sendRawFrame.invokeExact(webSocket, join(frames));
        if (sent instanceof CompletionStage<?> stage) {
            return stage;
        }
        // Tyrus's futures are CompletableFutures; one that is not is waited for elsewhere, never by the writer.
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sent.get();
            } catch (ExecutionException failed) {
                throw new CompletionException(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new CompletionException(interrupted);
            }
        });
    }

    /** Writes to Tyrus's socket take the monitor of Payara's read handler under it. */
    @Override
    public ReadLock readLockOf(Object webSocket) {
        return ReadHandlerLock.ofWebSocket(webSocket);
    }

    /** The frames back to back; a single frame goes as it is, its bytes shared (nobody writes to them). */
    public static ByteBuffer join(List<byte[]> frames) {
        if (frames.size() == 1) {
            return ByteBuffer.wrap(frames.get(0));
        }
        int total = 0;
        for (byte[] frame : frames) {
            total += frame.length;
        }
        byte[] joined = new byte[total];
        int at = 0;
        for (byte[] frame : frames) {
            System.arraycopy(frame, 0, joined, at, frame.length);
            at += frame.length;
        }
        return ByteBuffer.wrap(joined);
    }
}
