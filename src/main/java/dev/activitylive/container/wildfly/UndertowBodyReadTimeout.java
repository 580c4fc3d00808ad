package dev.activitylive.container.wildfly;

import dev.activitylive.container.BodyReadTimeout;
import dev.activitylive.container.Requests;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The body read timeout on WildFly (Undertow 2.3.23, checked on WildFly 39.0.1.Final): the request's
 * {@code HttpServerExchange} → its {@code ServerConnection}, whose XNIO option {@code READ_TIMEOUT} Undertow's
 * read-timeout conduit reads before every wait. That conduit is on a connection only if its listener has a
 * {@code read-timeout} of its own: server-config/wildfly/configure.cli sets a long one, and this shortens it on one
 * connection for the time of a body. Without it the option is set and nothing reads it.
 */
public final class UndertowBodyReadTimeout implements BodyReadTimeout {

    private static final Logger LOG = Logger.getLogger(UndertowBodyReadTimeout.class.getName());
    private static final String REQUEST = "io.undertow.servlet.spec.HttpServletRequestImpl";

    private final Class<?> requestType;
    private final MethodHandle connectionOf;
    private final MethodHandle getOption;
    private final MethodHandle setOption;
    private final Object readTimeoutOption;

    private UndertowBodyReadTimeout(Class<?> requestType, MethodHandle connectionOf, MethodHandle getOption,
                                    MethodHandle setOption, Object readTimeoutOption) {
        this.requestType = requestType;
        this.connectionOf = connectionOf;
        this.getOption = getOption;
        this.setOption = setOption;
        this.readTimeoutOption = readTimeoutOption;
    }

    public static Optional<BodyReadTimeout> detect(ServletContext context) {
        try {
            Class<?> request = Class.forName(REQUEST, false, context.getClass().getClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle exchange = lookup.unreflect(request.getMethod("getExchange"));
            Class<?> exchangeType = exchange.type().returnType();
            MethodHandle connection = lookup.unreflect(exchangeType.getMethod("getConnection"));
            Class<?> connectionType = connection.type().returnType();
            Class<?> option = Class.forName("org.xnio.Option", false, exchangeType.getClassLoader());
            Object readTimeout = Class.forName("org.xnio.Options", false, exchangeType.getClassLoader())
                    .getField("READ_TIMEOUT").get(null);
            MethodHandle get = lookup.unreflect(connectionType.getMethod("getOption", option));
            MethodHandle set = lookup.unreflect(connectionType.getMethod("setOption", option, Object.class));
            MethodHandle connectionOf = MethodHandles.filterReturnValue(exchange, connection)
                    .asType(MethodType.methodType(Object.class, Object.class));
            return Optional.of(new UndertowBodyReadTimeout(request, connectionOf,
                    get.asType(MethodType.methodType(Object.class, Object.class, Object.class)),
                    set.asType(MethodType.methodType(Object.class, Object.class, Object.class, Object.class)),
                    readTimeout));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            LOG.log(Level.FINE, "Not Undertow''s request connection: {0}", unavailable.toString());
            return Optional.empty();
        }
    }

    /** A no-op for a request that is not Undertow's own. */
    @Override
    public ReadTimeout of(ServletRequest request) {
        ServletRequest unwrapped = Requests.unwrapped(request);
        if (!requestType.isInstance(unwrapped) || !request.getProtocol().startsWith("HTTP/1.")) {
            return ReadTimeout.NONE;
        }
        try {
            Object connection = connectionOf.invokeExact((Object) unwrapped);
            Object before = getOption.invokeExact(connection, readTimeoutOption);
            long millis = before instanceof Integer own ? own : 0; // none set: 0, no timeout
            return ReadTimeout.through(next -> {
                Object replaced = setOption.invokeExact(connection, readTimeoutOption,
                        (Object) (int) Math.min(Integer.MAX_VALUE, next));
            }, millis);
        } catch (Throwable unreachable) {
            LOG.log(Level.FINE, "No read timeout for a request body: {0}", unreachable.toString());
            return ReadTimeout.NONE;
        }
    }
}
