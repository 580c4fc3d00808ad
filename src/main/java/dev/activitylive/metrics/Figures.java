package dev.activitylive.metrics;

import java.util.function.LongConsumer;
import java.util.function.Supplier;

/** Where the figures go: the runtime's MicroProfile Metrics, or nowhere when the runtime has none. */
interface Figures {

    /** A counter named {@code name} (its tag, if not null, {@code tagName=tagValue}); accepts increments. */
    LongConsumer counter(String name, String description, String tagName, String tagValue);

    /** A gauge read from {@code value} whenever the metrics are read. */
    void gauge(String name, String description, Supplier<Number> value);

    /** Lets go of every figure registered through this. */
    void removeAll();

    /** No metrics: counting costs nothing and nothing is shown. */
    Figures NONE = new Figures() {
        @Override
        public LongConsumer counter(String name, String description, String tagName, String tagValue) {
            return increment -> { };
        }

        @Override
        public void gauge(String name, String description, Supplier<Number> value) {
            // nowhere to show it
        }

        @Override
        public void removeAll() {
            // nothing was registered
        }
    };
}
