package dev.activitylive.container.wildfly;

import dev.activitylive.container.FrameWriter;
import dev.activitylive.wire.Frames;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Several frames of one connection in one socket write on WildFly (Undertow 2.3.23, WildFly 39.0.1.Final). Undertow's
 * {@code RemoteEndpoint} has no batching ({@code setBatchingAllowed} and {@code flushBatch} do nothing), and each of
 * its sends hands a flush to the connection's I/O thread. Underneath, the connection's {@code WebSocketChannel}
 * writes every frame queued when it flushes in one gathering write, and can be told to wait for an explicit flush:
 * so a batch is queued with {@code WebSockets.send*(payload, channel, callback, context)} while the channel waits,
 * then flushed once. The payload is the frame's own bytes, encoded once per event, not once per client.
 *
 * <p>The channel waits only while a batch is being queued, and is flushed after it stops waiting: a frame Undertow
 * itself queues meanwhile (a pong, a close) goes out with that flush. Completions come in order, so the callback of
 * the batch's last frame is the batch's. Everything is looked up once, at deployment, through the WebSocket
 * container's class loader; if anything is missing the portable path is used and the reason logged.
 */
public final class UndertowFrames implements FrameWriter {

    private static final Logger LOG = Logger.getLogger(UndertowFrames.class.getName());
    public static final String NAME = "channel-batches";
    static final String SESSION = "io.undertow.websockets.jsr.UndertowSession";

    private final Class<?> sessionType;
    private final MethodHandle channelOf;
    private final MethodHandle sendText;
    private final MethodHandle sendPing;
    private final MethodHandle sendPong;
    private final MethodHandle requireExplicitFlush;
    private final MethodHandle flush;
    private final MethodHandle ioThreadOf;
    /** One callback for every send: the context Undertow hands back is the batch's own completion. */
    private final Object callback;

    private UndertowFrames(Class<?> sessionType, MethodHandle channelOf, MethodHandle sendText, MethodHandle sendPing,
                           MethodHandle sendPong, MethodHandle requireExplicitFlush, MethodHandle flush,
                           MethodHandle ioThreadOf, Object callback) {
        this.sessionType = sessionType;
        this.channelOf = channelOf;
        this.sendText = sendText;
        this.sendPing = sendPing;
        this.sendPong = sendPong;
        this.requireExplicitFlush = requireExplicitFlush;
        this.flush = flush;
        this.ioThreadOf = ioThreadOf;
        this.callback = callback;
    }

    /** Looks for Undertow's WebSocket channel through {@code containerLoader}, the loader of the WebSocket container. */
    public static Optional<UndertowFrames> detect(ClassLoader containerLoader) {
        try {
            Class<?> session = Class.forName(SESSION, false, containerLoader);
            ClassLoader core = session.getMethod("getWebSocketChannel").getReturnType().getClassLoader();
            Class<?> channel = Class.forName("io.undertow.websockets.core.WebSocketChannel", false, core);
            Class<?> sockets = Class.forName("io.undertow.websockets.core.WebSockets", false, core);
            Class<?> callbackType = Class.forName("io.undertow.websockets.core.WebSocketCallback", false, core);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodType send = MethodType.methodType(void.class, ByteBuffer.class, Object.class, Object.class,
                    Object.class);
            return Optional.of(new UndertowFrames(session,
                    lookup.unreflect(session.getMethod("getWebSocketChannel"))
                            .asType(MethodType.methodType(Object.class, Object.class)),
                    sender(lookup, sockets, "sendText", channel, callbackType).asType(send),
                    sender(lookup, sockets, "sendPing", channel, callbackType).asType(send),
                    sender(lookup, sockets, "sendPong", channel, callbackType).asType(send),
                    lookup.unreflect(channel.getMethod("setRequireExplicitFlush", boolean.class))
                            .asType(MethodType.methodType(void.class, Object.class, boolean.class)),
                    lookup.unreflect(channel.getMethod("flush"))
                            .asType(MethodType.methodType(void.class, Object.class)),
                    lookup.unreflect(channel.getMethod("getIoThread"))
                            .asType(MethodType.methodType(Executor.class, Object.class)),
                    completions(callbackType)));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            LOG.log(Level.FINE, "Not Undertow''s WebSocket channel: {0}", unavailable.toString());
            return Optional.empty();
        }
    }

    /** {@code WebSockets.<name>(ByteBuffer data, WebSocketChannel, WebSocketCallback, Object context)}. */
    private static MethodHandle sender(MethodHandles.Lookup lookup, Class<?> sockets, String name, Class<?> channel,
                                       Class<?> callbackType) throws ReflectiveOperationException {
        return lookup.unreflect(sockets.getMethod(name, ByteBuffer.class, channel, callbackType, Object.class));
    }

    /** A {@code WebSocketCallback} whose context is the batch's {@code CompletableFuture}, completed with the send. */
    private static Object completions(Class<?> callbackType) {
        return Proxy.newProxyInstance(callbackType.getClassLoader(), new Class<?>[] {callbackType},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "complete" -> ((CompletableFuture<?>) arguments[1]).complete(null);
                    case "onError" -> ((CompletableFuture<?>) arguments[1]).completeExceptionally((Throwable) arguments[2]);
                    default -> objectMethod(proxy, method, arguments);
                });
    }

    private static Object objectMethod(Object proxy, Method method, Object[] arguments) {
        return switch (method.getName()) {
            case "equals" -> proxy == arguments[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "activity-live's completion of a batch";
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Undertow's WebSocket channel of {@code session}; empty if it is not Undertow's or negotiated an extension. */
    @Override
    public Optional<Object> connectionOf(Session session) {
        if (!FrameWriter.writesAsEncoded(session, session, sessionType)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(channelOf.invokeExact((Object) session));
        } catch (Throwable unreadable) {
            LOG.log(Level.FINE, "No Undertow channel for a connection: {0}", unreadable.toString());
            return Optional.empty();
        }
    }

    /**
     * The I/O thread that owns {@code channel}: a batch sent from it is written at once, while one sent from any other
     * thread is handed to it, a wake-up of that thread per flush.
     */
    @Override
    public Optional<Executor> ownThreadOf(Object channel) {
        try {
            return Optional.of((Executor) ioThreadOf.invokeExact(channel));
        } catch (Throwable unreadable) {
            return Optional.empty();
        }
    }

    /** Queues {@code frames} on {@code channel} and flushes them at once; done when the last is written. */
    @Override
    public CompletionStage<?> write(Object channel, List<byte[]> frames) throws Throwable {
        CompletableFuture<Void> written = new CompletableFuture<>();
        int last = frames.size() - 1;
        requireExplicitFlush.invokeExact(channel, true);
        try {
            for (int i = 0; i <= last; i++) {
                byte[] frame = frames.get(i);
                int offset = Frames.payloadOffset(frame);
                ByteBuffer payload = ByteBuffer.wrap(frame, offset, frame.length - offset);
                // Only the last frame reports: frames complete in order, and a failed one closes the channel,
                // which fails every frame after it.
                Object context = i == last ? written : null;
                Object onDone = i == last ? callback : null;
                senderFor(frame).invokeExact(payload, channel, onDone, context);
            }
        } finally {
            requireExplicitFlush.invokeExact(channel, false);
            flush.invokeExact(channel);
        }
        return written;
    }

    private MethodHandle senderFor(byte[] frame) {
        return switch (Frames.opcode(frame)) {
            case 0x9 -> sendPing;
            case 0xA -> sendPong;
            default -> sendText;
        };
    }
}
