package dev.activitylive.container.liberty;

import dev.activitylive.container.FrameWriter;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Several frames of one connection in one socket write on Open Liberty (26.0.0.3, its {@code com.ibm.ws.wsoc} and TCP
 * channel). Liberty's {@code RemoteEndpoint} frames and writes one message per send, each a write of its own
 * completed through the channel's executor, with one send in flight per session: most of a delivery's cost. Under it
 * each session has a {@code WsocConnLink}, which hands the connection's writing to one writer at a time
 * ({@code okToWrite}, released by {@code signalNotWriting}), and the connection's {@code TCPWriteRequestContext}. A
 * batch takes the writing as Liberty's own sends do, copies its frames (encoded once per event) into one of the
 * channel's pooled direct buffers and writes it with one call; Liberty's pongs and close frames wait for it as they
 * wait for Liberty's own sends, and a close while a batch is out fails the batch. While Liberty writes a pong, a
 * batch is tried again from a timer instead of waiting for it (see {@link #writeOrWait}).
 *
 * <p>Everything is looked up once, at deployment, through the WebSocket container's class loader; per connection
 * two fields are read ({@code SessionImpl.connLink}, {@code WsocConnLink.tcpConnection}). If anything is missing the
 * portable path is used and the reason logged.
 */
public final class LibertyFrames implements FrameWriter {

    private static final Logger LOG = Logger.getLogger(LibertyFrames.class.getName());
    public static final String NAME = "channel-writes";
    static final String SESSION = "com.ibm.ws.wsoc.external.SessionExt";

    /** {@code TCPRequestContext.USE_CHANNEL_TIMEOUT}: a write nobody reads fails after the channel's write timeout. */
    private static final int CHANNEL_TIMEOUT = 0;
    /** The longest pause between two tries of a batch while Liberty writes a pong. */
    private static final long MAX_RETRY_MS = 64;
    /** {@code TCPWriteRequestContext.WRITE_ALL_DATA}. */
    private static final long ALL = -1L;

    private final Class<?> sessionType;
    private final MethodHandle implOf;
    private final MethodHandle linkOf;
    private final MethodHandle tcpOf;
    private final MethodHandle writeContextOf;
    private final MethodHandle buffersOf;
    private final MethodHandle okToWrite;
    private final MethodHandle notWriting;
    private final MethodHandle allocateDirect;
    private final MethodHandle put;
    private final MethodHandle flip;
    private final MethodHandle release;
    private final MethodHandle setBuffer;
    private final MethodHandle write;
    private final MethodHandle writeStatusOf;
    private final Object ok;
    private final Object writingPong;
    private final Object callback;
    /** The batch each write context has out: at most one, as the link lets one writer at a time. */
    private final Map<Object, Batch> pending = new ConcurrentHashMap<>();

    /** A connection as a batch needs it: its link (who writes now), its write context and the buffer pool. */
    record Connection(Object link, Object writeContext, Object buffers) {
    }

    /** {@code handles} in the order {@link #detect} makes them; {@code callbackType} the channel's write callback. */
    private LibertyFrames(Class<?> sessionType, MethodHandle[] handles, Object ok, Object writingPong,
                          Class<?> callbackType) {
        this.sessionType = sessionType;
        this.implOf = handles[0];
        this.linkOf = handles[1];
        this.tcpOf = handles[2];
        this.writeContextOf = handles[3];
        this.buffersOf = handles[4];
        this.okToWrite = handles[5];
        this.notWriting = handles[6];
        this.allocateDirect = handles[7];
        this.put = handles[8];
        this.flip = handles[9];
        this.release = handles[10];
        this.setBuffer = handles[11];
        this.write = handles[12];
        this.writeStatusOf = handles[13];
        this.ok = ok;
        this.writingPong = writingPong;
        this.callback = completions(callbackType);
    }

    /** Looks for Liberty's connection link through {@code containerLoader}, the loader of the WebSocket container. */
    public static Optional<LibertyFrames> detect(ClassLoader containerLoader) {
        try {
            Class<?> session = Class.forName(SESSION, false, containerLoader);
            Method getImpl = session.getMethod("getSessionImpl");
            Class<?> impl = getImpl.getReturnType();
            Field connLink = impl.getDeclaredField("connLink");
            Class<?> link = connLink.getType();
            Field tcpConnection = link.getDeclaredField("tcpConnection");
            Class<?> tcp = tcpConnection.getType();
            Method getWriteInterface = tcp.getMethod("getWriteInterface");
            Class<?> writeContext = getWriteInterface.getReturnType();
            Method getBufferManager = link.getMethod("getBufferManager");
            Class<?> pool = getBufferManager.getReturnType();
            Method allocate = pool.getMethod("allocateDirect", int.class);
            Class<?> buffer = allocate.getReturnType();
            Method okToWrite = link.getMethod("okToWrite", boolean.class, boolean.class, boolean.class);
            Method writeAsync = asyncWrite(writeContext);
            Class<?> callbackType = writeAsync.getParameterTypes()[1];
            Object ok = enumConstant(okToWrite.getReturnType(), "OK");
            Field writeLinkStatus = link.getField("writeLinkStatus");
            Object writingPong = enumConstant(writeLinkStatus.getType(), "WRITING_PONG");
            connLink.setAccessible(true);
            tcpConnection.setAccessible(true);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle[] handles = {
                object(lookup.unreflect(getImpl)),
                object(lookup.unreflectGetter(connLink)),
                object(lookup.unreflectGetter(tcpConnection)),
                object(lookup.unreflect(getWriteInterface)),
                object(lookup.unreflect(getBufferManager)),
                lookup.unreflect(okToWrite).asType(MethodType.methodType(Object.class, Object.class, boolean.class,
                        boolean.class, boolean.class)),
                lookup.unreflect(link.getMethod("signalNotWriting"))
                        .asType(MethodType.methodType(void.class, Object.class)),
                lookup.unreflect(allocate).asType(MethodType.methodType(Object.class, Object.class, int.class)),
                lookup.unreflect(buffer.getMethod("put", byte[].class))
                        .asType(MethodType.methodType(Object.class, Object.class, byte[].class)),
                object(lookup.unreflect(buffer.getMethod("flip"))),
                lookup.unreflect(buffer.getMethod("release")).asType(MethodType.methodType(void.class, Object.class)),
                lookup.unreflect(writeContext.getMethod("setBuffer", buffer))
                        .asType(MethodType.methodType(void.class, Object.class, Object.class)),
                lookup.unreflect(writeAsync).asType(MethodType.methodType(Object.class, Object.class, long.class,
                        Object.class, boolean.class, int.class)),
                object(lookup.unreflectGetter(writeLinkStatus)),
            };
            return Optional.of(new LibertyFrames(session, handles, ok, writingPong, callbackType));
        } catch (ClassNotFoundException notLiberty) {
            LOG.log(Level.FINE, "Not Open Liberty: {0}", notLiberty.toString());
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            LOG.log(Level.INFO, "Open Liberty''s channel writes unavailable ({0}); using portable sends",
                    unavailable.toString());
            return Optional.empty();
        }
    }

    /** {@code write(long numBytes, TCPWriteCompletedCallback, boolean forceQueue, int timeout)}. */
    private static Method asyncWrite(Class<?> writeContext) throws NoSuchMethodException {
        for (Method method : writeContext.getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (method.getName().equals("write") && parameters.length == 4 && parameters[0] == long.class
                    && parameters[2] == boolean.class && parameters[3] == int.class) {
                return method;
            }
        }
        throw new NoSuchMethodException(writeContext.getName() + ".write(long, callback, boolean, int)");
    }

    private static Object enumConstant(Class<?> type, String name) throws NoSuchFieldException {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /** A handle of one reference argument as one taking and returning {@code Object}. */
    private static MethodHandle object(MethodHandle handle) {
        return handle.asType(MethodType.methodType(Object.class, Object.class));
    }

    /**
     * The {@code TCPWriteCompletedCallback} of every batch: the channel hands back the write context, and the batch
     * waiting on it is found there, in {@link #pending}.
     */
    private Object completions(Class<?> callbackType) {
        return Proxy.newProxyInstance(callbackType.getClassLoader(), new Class<?>[] {callbackType},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "complete" -> finish(arguments[1], null);
                    case "error" -> finish(arguments[1], (Throwable) arguments[2]);
                    case "equals" -> proxy == arguments[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "activity-live's completion of a batch";
                });
    }

    /** A batch out on the wire: its connection, the pooled buffer it was copied into, who waits for it. */
    private record Batch(Connection connection, Object buffer, CompletableFuture<Void> written) {
    }

    private Object finish(Object writeContext, Throwable failure) throws Throwable {
        Batch batch = pending.remove(writeContext);
        if (batch != null) {
            done(batch, failure);
        }
        return null;
    }

    /** Gives the buffer back, lets the next writer write, then reports. */
    private void done(Batch batch, Throwable failure) throws Throwable {
        try {
            release.invokeExact(batch.buffer());
        } finally {
            notWriting.invokeExact(batch.connection().link());
        }
        if (failure == null) {
            batch.written().complete(null);
        } else {
            batch.written().completeExceptionally(failure);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Liberty's close takes the writing with {@code okToWrite} and waits up to 5.5 s for a batch still out. */
    @Override
    public boolean closesMayWait() {
        return true;
    }

    /** Liberty's link and write context of {@code session}; empty if it is not Liberty's or negotiated an extension. */
    @Override
    public Optional<Object> connectionOf(Session session) {
        if (!FrameWriter.writesAsEncoded(session, session, sessionType)) {
            return Optional.empty();
        }
        try {
            Object link = linkOf.invokeExact(implOf.invokeExact((Object) session));
            Object writeContext = writeContextOf.invokeExact(tcpOf.invokeExact(link));
            Object buffers = buffersOf.invokeExact(link);
            if (link == null || writeContext == null || buffers == null) {
                return Optional.empty();
            }
            return Optional.of(new Connection(link, writeContext, buffers));
        } catch (Throwable unreadable) {
            LOG.log(Level.FINE, "No Liberty channel for a connection: {0}", unreadable.toString());
            return Optional.empty();
        }
    }

    /** Takes the writing of the connection, then writes {@code frames} in one buffer; done when it is written. */
    @Override
    public CompletionStage<?> write(Object connection, List<byte[]> frames) throws Throwable {
        CompletableFuture<Void> written = new CompletableFuture<>();
        writeOrWait((Connection) connection, frames, written, 1);
        return written;
    }

    /**
     * Liberty writes a pong with a blocking write, and {@code okToWrite} waits for it: a client that pings and does
     * not read would hold a writer thread. So while a pong is out the batch is tried again later, from a timer,
     * after 1, 2, 4 … at most {@value #MAX_RETRY_MS} ms; no thread waits.
     */
    private void writeOrWait(Connection to, List<byte[]> frames, CompletableFuture<Void> written, long retryMs) {
        try {
            // Liberty's field, read without its monitor: a stale read costs at most one wait in okToWrite.
            if (writeStatusOf.invokeExact(to.link()) == writingPong) {
                CompletableFuture.delayedExecutor(retryMs, TimeUnit.MILLISECONDS).execute(() ->
                        writeOrWait(to, frames, written, Math.min(2 * retryMs, MAX_RETRY_MS)));
                return;
            }
            writeNow(to, frames, written);
        } catch (Throwable failed) {
            written.completeExceptionally(failed);
        }
    }

    private void writeNow(Connection to, List<byte[]> frames, CompletableFuture<Void> written) throws Throwable {
        // A close under way answers "not OK"; another writer (none but Liberty's pongs and closes) is waited for.
        Object status = okToWrite.invokeExact(to.link(), false, false, false);
        if (status != ok) {
            written.completeExceptionally(new IOException("connection not writable: " + status));
            return;
        }
        int total = 0;
        for (byte[] frame : frames) {
            total += frame.length;
        }
        Object buffer;
        try {
            buffer = allocateDirect.invokeExact(to.buffers(), total);
            for (byte[] frame : frames) {
                Object unused = put.invokeExact(buffer, frame);
            }
            Object flipped = flip.invokeExact(buffer);
        } catch (Throwable failed) {
            notWriting.invokeExact(to.link());
            throw failed;
        }
        Batch batch = new Batch(to, buffer, written);
        pending.put(to.writeContext(), batch);
        try {
            setBuffer.invokeExact(to.writeContext(), buffer);
            // Not forced to the channel's queue: a write the socket takes at once completes here, with no callback.
            Object doneNow = write.invokeExact(to.writeContext(), ALL, callback, false, CHANNEL_TIMEOUT);
            if (doneNow != null && pending.remove(to.writeContext(), batch)) {
                done(batch, null);
            }
        } catch (Throwable failed) {
            if (pending.remove(to.writeContext(), batch)) {
                done(batch, failed);
            }
        }
    }
}
