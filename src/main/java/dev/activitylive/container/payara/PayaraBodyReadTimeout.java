package dev.activitylive.container.payara;

import dev.activitylive.container.BodyReadTimeout;
import dev.activitylive.container.Requests;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds one blocking read of a request body on Payara: the Servlet API has no read timeout, and Grizzly's blocking
 * read waits for its connection's read timeout (30 s by default), whatever {@code publish.body-timeout-ms} says.
 * Reaches that connection as {@code RequestFacade.request} (a protected field) → {@code Request.getCoyoteRequest()} →
 * Grizzly's {@code Request.getContext().getConnection()}, and sets its read timeout for the time of the read.
 * Checked on Payara Micro 6.2025.10 (Grizzly 4.0.2) and 7.2025.1.
 */
public final class PayaraBodyReadTimeout implements BodyReadTimeout {

    private static final Logger LOG = Logger.getLogger(PayaraBodyReadTimeout.class.getName());
    static final String CONNECTION = "org.glassfish.grizzly.Connection";

    private final Class<?> facade;
    /** {@code RequestFacade} → Catalina's request → Grizzly's request → its filter-chain context → its connection. */
    private final MethodHandle catalinaRequest;
    private final MethodHandle grizzlyRequest;
    private final MethodHandle context;
    private final MethodHandle connection;
    private final MethodHandle readTimeout;
    private final MethodHandle setReadTimeout;

    private PayaraBodyReadTimeout(Class<?> facade, MethodHandle catalinaRequest, MethodHandle grizzlyRequest,
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
            return Optional.of(new PayaraBodyReadTimeout(facade, request.asType(anything), coyote.asType(anything),
                    context.asType(anything), connection.asType(anything),
                    get.asType(MethodType.methodType(long.class, Object.class, TimeUnit.class)),
                    set.asType(MethodType.methodType(void.class, Object.class, long.class, TimeUnit.class))));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            LOG.log(Level.FINE, "Not Payara''s request connection: {0}", unavailable.toString());
            return Optional.empty();
        }
    }

    /** A no-op for a request that is not Payara's own. */
    @Override
    public ReadTimeout of(ServletRequest request) {
        ServletRequest unwrapped = Requests.unwrapped(request);
        if (!facade.isInstance(unwrapped) || !request.getProtocol().startsWith("HTTP/1.")) {
            return ReadTimeout.NONE;
        }
        try {
            Object grizzly = grizzlyRequest.invokeExact(catalinaRequest.invokeExact((Object) unwrapped));
            Object open = connection.invokeExact(context.invokeExact(grizzly));
            long before = (long) readTimeout.invokeExact(open, TimeUnit.MILLISECONDS);
            // A statement, not a lambda's expression: only as a statement is the exact type's return void.
            return ReadTimeout.through(millis -> {
                setReadTimeout.invokeExact(open, millis, TimeUnit.MILLISECONDS);
            }, before);
        } catch (Throwable unreachable) {
            LOG.log(Level.FINE, "No read timeout for a request body: {0}", unreachable.toString());
            return ReadTimeout.NONE;
        }
    }
}
