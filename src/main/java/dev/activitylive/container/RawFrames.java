package dev.activitylive.container;

import jakarta.servlet.ServletContext;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Optional;
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
public final class RawFrames {

    private static final Logger LOG = Logger.getLogger(RawFrames.class.getName());
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

    /** Tyrus's socket of {@code session}, to write raw frames to; empty if its connection is not a plain Tyrus one. */
    public Optional<Object> webSocketOf(Session session) {
        Object remote = session.getAsyncRemote();
        if (!session.getNegotiatedExtensions().isEmpty() || !remoteEndpointType.isInstance(remote)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(webSocketOf.invokeExact(remote));
        } catch (Throwable unreadable) {
            LOG.log(Level.FINE, "No raw frames for a connection: {0}", unreadable.toString());
            return Optional.empty();
        }
    }

    /** The class loader of the WebSocket container of {@code context}: where the container's own classes are. */
    public static ClassLoader containerLoader(ServletContext context) {
        Object container = context.getAttribute(ServerContainer.class.getName());
        return container != null ? container.getClass().getClassLoader() : RawFrames.class.getClassLoader();
    }

    /** Writes {@code frames} (complete frames, back to back) to {@code webSocket}; the future completes when written. */
    public Future<?> send(Object webSocket, ByteBuffer frames) throws Throwable {
        return (Future<?>) sendRawFrame.invokeExact(webSocket, frames);
    }
}
