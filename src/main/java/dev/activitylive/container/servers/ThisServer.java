package dev.activitylive.container.servers;

import dev.activitylive.container.BodyReadTimeout;
import dev.activitylive.container.FrameWriter;
import dev.activitylive.container.GuardedConnection;
import dev.activitylive.wire.InboundGuard;
import dev.activitylive.container.liberty.LibertyFrames;
import dev.activitylive.container.payara.GuardedUpgradeRequest;
import dev.activitylive.container.payara.GuardedWebConnection;
import dev.activitylive.container.payara.AsyncRequestScope;
import dev.activitylive.container.payara.PayaraBodyReadTimeout;
import dev.activitylive.container.payara.PayaraHazelcast;
import dev.activitylive.container.payara.PayaraMicroListener;
import dev.activitylive.container.payara.RawFrames;
import dev.activitylive.container.wildfly.UndertowBodyReadTimeout;
import dev.activitylive.container.wildfly.UndertowFrames;
import dev.activitylive.container.wildfly.WildFlyJaspi;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.server.ServerContainer;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the server the WAR runs on offers beyond the standard APIs, and what it needs to be told: the one class that
 * knows every server's room ({@code container.payara}, {@code container.wildfly}, {@code container.liberty}) and
 * asks each in turn; the rest of the code asks here and never names a server. Each room finds its server by trying
 * that server's own classes, so an answer is empty elsewhere. The lookups are made at deployment, by whoever keeps
 * the answer.
 */
public final class ThisServer {

    private static final Logger LOG = Logger.getLogger(ThisServer.class.getName());

    /** Why {@code cluster=on} cannot start where no Hazelcast member runs. */
    public static final String NO_HAZELCAST = PayaraHazelcast.NOT_RUNNING;

    private ThisServer() {
    }

    /**
     * Several frames of a connection in one write: Tyrus's raw frames (Payara), Undertow's channel (WildFly) or
     * Liberty's TCP channel (Open Liberty).
     */
    public static Optional<FrameWriter> frameWriter(ServletContext context) {
        ClassLoader loader = containerLoader(context);
        return RawFrames.detect(loader).<FrameWriter>map(raw -> raw)
                .or(() -> UndertowFrames.detect(loader))
                .or(() -> LibertyFrames.detect(loader));
    }

    /** The way to a request's connection that bounds each blocking read of its body; says once where there is none. */
    public static Optional<BodyReadTimeout> bodyReadTimeout(ServletContext context) {
        Optional<BodyReadTimeout> found = PayaraBodyReadTimeout.detect(context)
                .or(() -> UndertowBodyReadTimeout.detect(context));
        if (found.isEmpty()) {
            LOG.log(Level.INFO, "A publish body''s read is bounded by the container''s own read timeout, not by "
                    + "activity.live.publish.body-timeout-ms: {0} offers no way to the request''s connection",
                    context.getServerInfo());
        }
        return found;
    }

    /**
     * The handshake {@code request} as the WebSocket container should get it: one whose upgrade hands that container
     * a connection guarded by {@code guards}, where the server's container reads through the connection it is given
     * (Tyrus, on Payara); elsewhere the upgrade goes on unguarded.
     */
    public static HttpServletRequest guardedUpgrade(HttpServletRequest request, Supplier<InboundGuard> guards) {
        return new GuardedUpgradeRequest(request, guards);
    }

    /** The guarded connection whose WebSocket session is opening on this thread; empty where it is not guarded. */
    public static Optional<GuardedConnection> openingConnection() {
        return GuardedWebConnection.opening();
    }

    /**
     * Closes the server's HTTP listener, so that a stopping server refuses connections rather than answering them
     * with its own pages; false where it cannot (anything but Payara Micro) or did not. Made now: at shutdown a class
     * not loaded yet may no longer load.
     */
    public static BooleanSupplier listenerCloser(ServletContext context) {
        return PayaraMicroListener.find(containerLoader(context))
                .<BooleanSupplier>map(listener -> listener::close).orElse(() -> false);
    }

    /** Whether the server is still booting, so that {@link #configurationProblem} cannot tell yet. */
    public static boolean stillBooting() {
        return WildFlyJaspi.booting();
    }

    /** A setting of the server's own that breaks requests, and how to change it; empty when there is none. */
    public static Optional<String> configurationProblem() {
        return WildFlyJaspi.problem();
    }

    /**
     * The Hazelcast member the server runs, typed {@code Object} (this room loads no Hazelcast class); an
     * {@link IllegalStateException} saying {@link #NO_HAZELCAST} where none runs.
     */
    public static Object hazelcast() {
        return PayaraHazelcast.lookup();
    }

    /** Ends the request scope of an event-stream request as its dispatch returns (see {@link AsyncRequestScope}). */
    public static void leaveDispatch(ServletRequest request, ServletContext context) {
        AsyncRequestScope.leaveDispatch(request, context);
    }

    /** Balances the request scope around the completion of an event-stream request, from its async listener. */
    public static void balanceCompletion(AsyncEvent event, ServletContext context) {
        AsyncRequestScope.balanceCompletion(event, context);
    }

    /** Completes an asynchronous request from a thread that serves no request of its own. */
    public static void complete(AsyncContext async) {
        AsyncRequestScope.complete(async);
    }

    /** The class loader of the WebSocket container of {@code context}: where the container's own classes are. */
    private static ClassLoader containerLoader(ServletContext context) {
        Object container = context.getAttribute(ServerContainer.class.getName());
        return container != null ? container.getClass().getClassLoader() : ThisServer.class.getClassLoader();
    }
}
