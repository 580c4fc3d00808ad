package dev.activitylive.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The checked values of every {@link Setting}. Built once at deployment; a value that is not a whole number or is
 * below its minimum stops the deployment with a message naming the key, never falls back to the default.
 */
public record Settings(Duration heartbeatInterval, Duration clientTimeout, int maxClients, int clientQueueMaxBytes,
                       int writerThreads, int publishMaxBytes, int publishMaxEvents) {

    /** Reads every setting through {@code lookup} (key → raw value, empty where unset). */
    public static Settings read(Function<String, Optional<String>> lookup) {
        Map<Setting, Integer> values = new EnumMap<>(Setting.class);
        List<String> problems = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            Optional<String> raw = lookup.apply(setting.key()).map(String::trim);
            if (raw.isEmpty()) {
                values.put(setting, (int) setting.defaultValue());
                continue;
            }
            parse(setting, raw.get()).ifPresentOrElse(value -> values.put(setting, value),
                    () -> problems.add(setting.key() + "='" + raw.get() + "' (env " + setting.environmentVariable()
                            + ") must be a whole number from " + setting.minimum() + " to " + Integer.MAX_VALUE));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new Settings(
                Duration.ofMillis(values.get(Setting.HEARTBEAT_INTERVAL_MS)),
                Duration.ofMillis(values.get(Setting.CLIENT_TIMEOUT_MS)),
                values.get(Setting.MAX_CLIENTS),
                values.get(Setting.CLIENT_QUEUE_MAX_BYTES),
                values.get(Setting.WRITER_THREADS),
                values.get(Setting.PUBLISH_MAX_BYTES),
                values.get(Setting.PUBLISH_MAX_EVENTS));
    }

    private static Optional<Integer> parse(Setting setting, String raw) {
        try {
            int value = Integer.parseInt(raw);
            return value >= setting.minimum() ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException notAWholeNumber) {
            return Optional.empty();
        }
    }

    /** How often idle clients are looked for: half the timeout, as in the original handler. */
    public Duration idleCheckInterval() {
        return clientTimeout.dividedBy(2);
    }
}
