package dev.activitylive.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * activity-live's figures in the runtime's MicroProfile Metrics (application scope, {@code GET /metrics}): counters
 * the engine bumps, and gauges its parts register for what they hold. All names start with {@code activity_live_}.
 * Counting is a counter increment per event or per incident, never per delivery: the fan-out adds its count once.
 */
@ApplicationScoped
public class LiveMetrics {

    private static final String PREFIX = "activity_live_";

    @Inject
    MetricRegistry registry;

    private Counter events;
    private Counter deliveries;
    private Counter slowClientCloses;
    private Counter replayed;

    @PostConstruct
    void register() {
        events = counter("events", "events broadcast (fired, published or derived)");
        deliveries = counter("deliveries", "event frames queued to clients");
        slowClientCloses = counter("slow_client_closes", "clients closed for not reading fast enough");
        replayed = counter("replayed_events", "events replayed to resuming clients");
    }

    /** Lets go of every figure: a redeployment registers its own, and no gauge may keep this one's beans. */
    @PreDestroy
    void unregister() {
        registry.removeMatching((id, metric) -> id.getName().startsWith(PREFIX));
    }

    private Counter counter(String name, String description, Tag... tags) {
        return registry.counter(Metadata.builder().withName(PREFIX + name).withDescription(description).build(), tags);
    }

    /** Registers a gauge read from {@code value} whenever the metrics are read. */
    public void gauge(String name, String description, Supplier<Number> value) {
        registry.gauge(Metadata.builder().withName(PREFIX + name).withDescription(description).build(), value);
    }

    /** One event went out to {@code clients} clients. */
    public void broadcast(int clients) {
        events.inc();
        deliveries.inc(clients);
    }

    public void slowClientClosed() {
        slowClientCloses.inc();
    }

    /** A WebSocket handshake or connection was refused; {@code reason} is one of a few fixed words. */
    public void refused(String reason) {
        counter("refused_connections", "WebSocket connections refused, by reason", new Tag("reason", reason)).inc();
    }

    public void replayed(int count) {
        replayed.inc(count);
    }
}
