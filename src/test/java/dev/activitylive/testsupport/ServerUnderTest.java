package dev.activitylive.testsupport;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The server the integration tests run on ({@code -Dit.server}, set by the Maven profile of each server), and what
 * the product documents as different there (docs/servers.md). A test that holds on one server only is disabled
 * elsewhere with {@code @DisabledIfSystemProperty(named = "it.server", ...)} and a reason (CONTRIBUTING.md lists them).
 */
public enum ServerUnderTest {
    PAYARA("raw-frames", true),
    WILDFLY("channel-batches", false),
    LIBERTY("channel-writes", true);

    private final String webSocketSendPath;
    private final boolean metrics;

    ServerUnderTest(String webSocketSendPath, boolean metrics) {
        this.webSocketSendPath = webSocketSendPath;
        this.metrics = metrics;
    }

    public static ServerUnderTest current() {
        return valueOf(System.getProperty("it.server", "payara").toUpperCase(Locale.ROOT));
    }

    /** The send path a WebSocket client gets by default ({@code sendPath} in the client list). */
    public String webSocketSendPath() {
        return webSocketSendPath;
    }

    /** Where the server answers {@code /health/...}: its HTTP root, or on WildFly its management port's. */
    public URI healthRoot(URI application) {
        return this == WILDFLY ? URI.create("http://" + application.getHost() + ":"
                + Integer.getInteger("it.wildfly.management-port", 19990) + "/") : application.resolve("/");
    }

    /**
     * Whether a publish body that does not come within {@code publish.body-timeout-ms} is answered 408: WildFly's
     * Undertow closes a connection whose read timed out instead, so there it ends unanswered.
     */
    public boolean answersABodyTimeout() {
        return this != WILDFLY;
    }

    /**
     * The reason of the 1001 every client gets when the application stops. WildFly's Undertow closes the sessions
     * left open at undeploy itself, with no reason, before the application hears of its end.
     */
    public String shutdownReason() {
        return this == WILDFLY ? "" : "Server shutting down";
    }

    /**
     * The reason of the 1008 a client gets when its login expires. WildFly's Undertow closes the sockets of an HTTP
     * session that expires itself (as Jakarta WebSocket allows), with no reason, before activity-live's idle check.
     */
    public String loginExpiredReason() {
        return this == WILDFLY ? "" : "Login ended";
    }

    /**
     * Whether frames refused before they reach activity-live (unmasked, over the size limit) get activity-live's
     * close reasons: on Payara its inbound guard refuses them; elsewhere the container does, with the same codes and
     * reasons of its own (docs/servers.md).
     */
    public boolean refusesFramesWithOurReasons() {
        return this == PAYARA;
    }

    /**
     * Whether a request refused by the security constraints (no login: 401, no role: 403) gets the error page's JSON
     * body: Open Liberty answers those itself, with no body (docs/servers.md).
     */
    public boolean answersConstraintRefusalsWithJson() {
        return this != LIBERTY;
    }

    /** Whether the server has MicroProfile Metrics (WildFly has not: activity-live runs without its metrics). */
    public boolean hasMetrics() {
        return metrics;
    }

    /**
     * What the server said of a deployment that failed with {@code refused}: the adapter's exception on Payara and
     * WildFly; on Open Liberty its {@code messages.log} too, since its adapter says only that the application never
     * started.
     */
    public String deploymentFailure(Exception refused) {
        StringWriter trace = new StringWriter();
        refused.printStackTrace(new PrintWriter(trace));
        if (this != LIBERTY) {
            return trace.toString();
        }
        Path log = Path.of(System.getProperty("it.liberty.usr"), "servers", "activity-live-it", "logs",
                "messages.log");
        try {
            return trace + Files.readString(log);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
