package dev.activitylive.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Test-only, deployed into the test WAR on a server without MicroProfile Metrics (WildFly): the figures
 * {@link LiveMetrics} would give MicroProfile, kept here and served at {@code GET /test/metrics} in the lines
 * of {@code /metrics}' Prometheus text that the tests read, so that what the tests count is counted there too.
 */
@ApplicationScoped
@Path("metrics")
public class CountingFigures implements Figures {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Number>> gauges = new ConcurrentHashMap<>();

    @Override
    public LongConsumer counter(String name, String description, String tagName, String tagValue) {
        String line = LiveMetrics.PREFIX + name + "_total{" + (tagName == null ? "" : tagName + "=\"" + tagValue + "\"")
                + "}";
        LongAdder counter = counters.computeIfAbsent(line, any -> new LongAdder());
        return counter::add;
    }

    @Override
    public void gauge(String name, String description, Supplier<Number> value) {
        gauges.put(LiveMetrics.PREFIX + name + "{}", value);
    }

    @Override
    public void removeAll() {
        counters.clear();
        gauges.clear();
    }

    @GET
    @Produces("text/plain")
    public String text() {
        Map<String, Double> values = new TreeMap<>();
        counters.forEach((line, counter) -> values.put(line, counter.doubleValue()));
        gauges.forEach((line, gauge) -> values.put(line, gauge.get().doubleValue()));
        return values.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
