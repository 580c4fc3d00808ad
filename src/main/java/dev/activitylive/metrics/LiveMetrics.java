package dev.activitylive.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * activity-live's figures, in the runtime's MicroProfile Metrics when it has them ({@code GET /metrics}, application
 * scope): counters the engine bumps, and gauges its parts register for what they hold. All names start with
 * {@code activity_live_}. Counting is a counter increment per event or per incident, never per delivery: the fan-out
 * adds its count once. On a runtime without MicroProfile Metrics the application runs all the same, without them.
 */
@ApplicationScoped
public class LiveMetrics {

    private static final Logger LOG = Logger.getLogger(LiveMetrics.class.getName());
    static final String PREFIX = "activity_live_";

    /** The MicroProfile figures, where the runtime has them. */
    @Inject
    Instance<Figures> microProfile;

    private Figures figures = Figures.NONE;
    private LongConsumer events;
    private LongConsumer deliveries;
    private LongConsumer slowClientCloses;
    private LongConsumer replayed;

    @PostConstruct
    void register() {
        figures = microProfile.isResolvable() ? microProfile.get() : Figures.NONE;
        if (figures == Figures.NONE) {
            LOG.log(Level.INFO, "The runtime has no MicroProfile Metrics: activity-live runs without its metrics");
        }
        events = figures.counter("events", "events broadcast (fired, published or derived)", null, null);
        deliveries = figures.counter("deliveries", "event frames queued to clients", null, null);
        slowClientCloses = figures.counter("slow_client_closes", "clients closed for not reading fast enough",
                null, null);
        replayed = figures.counter("replayed_events", "events replayed to resuming clients", null, null);
    }

    /** Lets go of every figure: a redeployment registers its own, and no gauge may keep this one's beans. */
    @PreDestroy
    void unregister() {
        figures.removeAll();
    }

    /** Registers a gauge read from {@code value} whenever the metrics are read. */
    public void gauge(String name, String description, Supplier<Number> value) {
        figures.gauge(name, description, value);
    }

    /** One event went out to {@code clients} clients. */
    public void broadcast(int clients) {
        events.accept(1);
        deliveries.accept(clients);
    }

    public void slowClientClosed() {
        slowClientCloses.accept(1);
    }

    /** A WebSocket handshake or connection was refused; {@code reason} is one of a few fixed words. */
    public void refused(String reason) {
        figures.counter("refused_connections", "WebSocket connections refused, by reason", "reason", reason)
                .accept(1);
    }

    public void replayed(int count) {
        replayed.accept(count);
    }
}
