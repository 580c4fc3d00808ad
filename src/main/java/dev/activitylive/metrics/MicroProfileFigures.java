package dev.activitylive.metrics;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The figures in the runtime's MicroProfile Metrics, application scope ({@code GET /metrics}). A bean only where the
 * runtime has the API: elsewhere its class does not load, the container makes no bean of it (Weld says so at INFO,
 * WELD-000119), and {@link LiveMetrics} finds none.
 */
@Dependent
class MicroProfileFigures implements Figures {

    private final String prefix = LiveMetrics.PREFIX;

    // Injected, not looked up: Payara's producer of the registry reads the injection point.
    @Inject
    MetricRegistry registry;

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
