package dev.activitylive.metrics;

import jakarta.enterprise.inject.spi.CDI;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The figures in the runtime's MicroProfile Metrics, application scope ({@code GET /metrics}). Not a CDI bean, and
 * loaded only once {@link LiveMetrics} has seen the API is there: a runtime without it never resolves this class.
 */
final class MicroProfileFigures implements Figures {

    private final MetricRegistry registry;
    private final String prefix;

    private MicroProfileFigures(MetricRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
    }

    /** The application's registry, if the runtime provides one. */
    static Figures ofApplication(String prefix) {
        var registries = CDI.current().select(MetricRegistry.class);
        return registries.isResolvable() ? new MicroProfileFigures(registries.get(), prefix) : null;
    }

    @Override
    public LongConsumer counter(String name, String description, String tagName, String tagValue) {
        Metadata metadata = Metadata.builder().withName(prefix + name).withDescription(description).build();
        Counter counter = tagName == null ? registry.counter(metadata)
                : registry.counter(metadata, new Tag(tagName, tagValue));
        return counter::inc;
    }

    @Override
    public void gauge(String name, String description, Supplier<Number> value) {
        registry.gauge(Metadata.builder().withName(prefix + name).withDescription(description).build(), value);
    }

    @Override
    public void removeAll() {
        registry.removeMatching((id, metric) -> id.getName().startsWith(prefix));
    }
}
