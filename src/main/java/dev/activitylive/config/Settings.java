package dev.activitylive.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The checked values of every {@link Setting}. Built once at deployment; a value that is not a whole number in its
 * range (or not one of its words) stops the deployment with a message naming the key, never falls back to the default.
 */
public record Settings(Duration heartbeatInterval, Duration clientTimeout, int maxClients, int clientQueueMaxBytes,
                       int writerThreads, Duration writeDelay, int publishMaxBytes, int publishMaxEvents,
                       Duration publishBodyTimeout, int publishMaxBodyWaits, SendPath sendPath,
                       SlowClientPolicy slowClientPolicy, Conflation conflation, AllowedOrigins allowedOrigins,
                       Authentication authentication, Duration loginTimeout, int clientMessageMaxBytes,
                       int clientMessagesPerSecond,
                       int historyMaxEvents, long historyMaxBytes, Duration historyMaxAge, DerivedLoad derivedLoad,
                       Duration loadInterval, ClusterMode cluster, int clusterLogEvents,
                       Duration snapshotSessionQuiet, Dashboard dashboard) {

    /** Reads every setting through {@code lookup} (key → raw value, empty where unset). */
    public static Settings read(Function<String, Optional<String>> lookup) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        List<String> problems = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            String raw = lookup.apply(setting.key()).map(String::trim).orElse(setting.defaultText());
            if (isValid(setting, raw)) {
                values.put(setting, raw);
            } else {
                problems.add(setting.key() + "='" + raw + "' (env " + setting.environmentVariable() + ") must be "
                        + switch (setting.kind()) {
                            case WORD -> "one of " + String.join(", ", setting.words());
                            case ORIGINS -> "a comma-separated list of origins such as "
                                    + "https://dashboard.example.com:8443";
                            case NUMBER -> "a whole number from " + setting.minimum() + " to " + Integer.MAX_VALUE;
                        });
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        Function<Setting, Integer> number = setting -> Integer.parseInt(values.get(setting));
        return new Settings(
                Duration.ofMillis(number.apply(Setting.HEARTBEAT_INTERVAL_MS)),
                Duration.ofMillis(number.apply(Setting.CLIENT_TIMEOUT_MS)),
                number.apply(Setting.MAX_CLIENTS),
                number.apply(Setting.CLIENT_QUEUE_MAX_BYTES),
                number.apply(Setting.WRITER_THREADS),
                Duration.ofMillis(number.apply(Setting.WRITE_DELAY_MS)),
                number.apply(Setting.PUBLISH_MAX_BYTES),
                number.apply(Setting.PUBLISH_MAX_EVENTS),
                Duration.ofMillis(number.apply(Setting.PUBLISH_BODY_TIMEOUT_MS)),
                number.apply(Setting.PUBLISH_MAX_BODY_WAITS),
                WordValue.of(SendPath.class, values.get(Setting.SEND_PATH)),
                WordValue.of(SlowClientPolicy.class, values.get(Setting.SLOW_CLIENT_POLICY)),
                WordValue.of(Conflation.class, values.get(Setting.CONFLATION)),
                AllowedOrigins.parse(values.get(Setting.ALLOWED_ORIGINS)).orElseThrow(),
                WordValue.of(Authentication.class, values.get(Setting.AUTHENTICATION)),
                Duration.ofSeconds(number.apply(Setting.LOGIN_TIMEOUT_S)),
                number.apply(Setting.CLIENT_MESSAGE_MAX_BYTES),
                number.apply(Setting.CLIENT_MESSAGES_PER_SECOND),
                number.apply(Setting.HISTORY_MAX_EVENTS),
                number.apply(Setting.HISTORY_MAX_BYTES),
                Duration.ofMillis(number.apply(Setting.HISTORY_MAX_AGE_MS)),
                WordValue.of(DerivedLoad.class, values.get(Setting.DERIVED_LOAD)),
                Duration.ofMillis(number.apply(Setting.LOAD_INTERVAL_MS)),
                WordValue.of(ClusterMode.class, values.get(Setting.CLUSTER)),
                number.apply(Setting.CLUSTER_LOG_EVENTS),
                Duration.ofMillis(number.apply(Setting.SNAPSHOT_SESSION_QUIET_MS)),
                WordValue.of(Dashboard.class, values.get(Setting.DASHBOARD)));
    }

    private static boolean isValid(Setting setting, String raw) {
        return switch (setting.kind()) {
            case WORD -> setting.words().contains(raw);
            case ORIGINS -> AllowedOrigins.parse(raw).isPresent();
            case NUMBER -> parse(setting, raw).isPresent();
        };
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
