package dev.activitylive.config;

import java.util.Locale;

/**
 * Every MicroProfile Config key of activity-live, with its default and the smallest value it accepts. The single
 * list the README's settings table mirrors; the environment variable of a key is the MicroProfile Config mapping
 * ({@code activity.live.max-clients} ⇄ {@code ACTIVITY_LIVE_MAX_CLIENTS}).
 */
public enum Setting {
    HEARTBEAT_INTERVAL_MS("activity.live.heartbeat-interval-ms", 30_000, 1),
    CLIENT_TIMEOUT_MS("activity.live.client-timeout-ms", 120_000, 2),
    MAX_CLIENTS("activity.live.max-clients", 100, 1),
    CLIENT_QUEUE_MAX_BYTES("activity.live.client-queue-max-bytes", 8_388_608, 1),
    WRITER_THREADS("activity.live.writer-threads", 2, 1),
    PUBLISH_MAX_BYTES("activity.live.publish.max-bytes", 1_048_576, 1),
    PUBLISH_MAX_EVENTS("activity.live.publish.max-events", 1_000, 1);

    private final String key;
    private final long defaultValue;
    private final long minimum;

    Setting(String key, long defaultValue, long minimum) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.minimum = minimum;
    }

    public String key() {
        return key;
    }

    public long defaultValue() {
        return defaultValue;
    }

    public long minimum() {
        return minimum;
    }

    /** The environment variable MicroProfile Config reads this key from. */
    public String environmentVariable() {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
