package dev.activitylive.container;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds one blocking read of a request body on Payara: the Servlet API has no read timeout, and Grizzly's blocking
 * read waits for its connection's read timeout (30 s by default), whatever {@code publish.body-timeout-ms} says.
 * Reaches that connection as {@code RequestFacade.request} (a protected field) → {@code Request.getCoyoteRequest()} →
 * Grizzly's {@code Request.getContext().getConnection()}, and sets its read timeout for the time of the read.
 * Checked on Payara Micro 6.2025.10 (Grizzly 4.0.2) and 7.2025.1. Where the path is missing (another container),
 * {@link #detect} says so once and each read waits at most the container's own read timeout.
 */
public final class BodyReadTimeout {

    private static final Logger LOG = Logger.getLogger(BodyReadTimeout.class.getName());
    static final String CONNECTION = "org.glassfish.grizzly.Connection";

    private final Class<?> facade;
    /** {@code RequestFacade} → Catalina's request → Grizzly's request → its filter-chain context → its connection. */
    private final MethodHandle catalinaRequest;
    private final MethodHandle grizzlyRequest;
    private final MethodHandle context;
    private final MethodHandle connection;
    private final MethodHandle readTimeout;
    private final MethodHandle setReadTimeout;

    private BodyReadTimeout(Class<?> facade, MethodHandle catalinaRequest, MethodHandle grizzlyRequest,
                            MethodHandle context, MethodHandle connection, MethodHandle readTimeout,
                            MethodHandle setReadTimeout) {
        this.facade = facade;
        this.catalinaRequest = catalinaRequest;
        this.grizzlyRequest = grizzlyRequest;
        this.context = context;
        this.connection = connection;
        this.readTimeout = readTimeout;
        this.setReadTimeout = setReadTimeout;
    }

    /** Looks for Payara's path to the request's connection, once, at deployment. */
    public static Optional<BodyReadTimeout> detect(ServletContext servletContext) {
        ClassLoader loader = servletContext.getClass().getClassLoader();
        try {
            Class<?> facade = Class.forName(PayaraRequests.FACADE, false, loader);
            Field field = facade.getDeclaredField("request");
            field.setAccessible(true);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle request = lookup.unreflectGetter(field);
            Class<?> catalina = field.getType();
            MethodHandle coyote = lookup.unreflect(catalina.getMethod("getCoyoteRequest"));
            Class<?> grizzly = coyote.type().returnType();
            MethodHandle context = lookup.unreflect(grizzly.getMethod("getContext"));
            MethodHandle connection = lookup.unreflect(context.type().returnType().getMethod("getConnection"));
            Class<?> connectionType = Class.forName(CONNECTION, false, grizzly.getClassLoader());
            MethodHandle get = lookup.unreflect(connectionType.getMethod("getReadTimeout", TimeUnit.class));
            MethodHandle set = lookup.unreflect(connectionType.getMethod("setReadTimeout", long.class, TimeUnit.class));
            MethodType anything = MethodType.methodType(Object.class, Object.class);
            return Optional.of(new BodyReadTimeout(facade, request.asType(anything), coyote.asType(anything),
                    context.asType(anything), connection.asType(anything),
                    get.asType(MethodType.methodType(long.class, Object.class, TimeUnit.class)),
                    set.asType(MethodType.methodType(void.class, Object.class, long.class, TimeUnit.class))));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            LOG.log(Level.INFO, "A publish body''s read is bounded by the container''s own read timeout, not by "
                    + "activity.live.publish.body-timeout-ms ({0})", unavailable.toString());
            return Optional.empty();
        }
    }

    /**
     * The read timeout of {@code request}'s connection, to be set before each blocking read of its body and put back
     * when the body is read. A no-op for a request that is not Payara's own, and for an HTTP/2 stream, whose
     * connection the other streams share.
     */
    public ReadTimeout of(ServletRequest request) {
        ServletRequest unwrapped = PayaraRequests.unwrapped(request);
        if (!facade.isInstance(unwrapped) || !request.getProtocol().startsWith("HTTP/1.")) {
            return ReadTimeout.NONE;
        }
        try {
            Object grizzly = grizzlyRequest.invokeExact(catalinaRequest.invokeExact((Object) unwrapped));
            Object open = connection.invokeExact(context.invokeExact(grizzly));
            long before = (long) readTimeout.invokeExact(open, TimeUnit.MILLISECONDS);
            return new ReadTimeout() {
                @Override
                public void waitAtMost(Duration within) {
                    set(Math.max(1, within.toMillis()));
                }

                @Override
                public void close() {
                    set(before);
                }

                private void set(long millis) {
                    try {
                        setReadTimeout.invokeExact(open, millis, TimeUnit.MILLISECONDS);
                    } catch (Throwable gone) {
                        LOG.log(Level.FINE, "Read timeout not set: {0}", gone.toString());
                    }
                }
            };
        } catch (Throwable unreachable) {
            LOG.log(Level.FINE, "No read timeout for a request body: {0}", unreachable.toString());
            return ReadTimeout.NONE;
        }
    }

    /** One connection's read timeout while a body is read; closing it restores the connection's own. */
    public interface ReadTimeout extends AutoCloseable {

        /** Where the container's own read timeout applies. */
        ReadTimeout NONE = new ReadTimeout() {
            @Override
            public void waitAtMost(Duration within) {
            }

            @Override
            public void close() {
            }
        };

        /** The next blocking read waits at most {@code within}. */
        void waitAtMost(Duration within);

        @Override
        void close();
    }
}
