package dev.activitylive.config;

import java.util.List;
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
    /**
     * How long a client's first queued frame waits for others to share its write: 0 writes at once; more trades that
     * much latency for fewer writes when events come one at a time.
     */
    WRITE_DELAY_MS("activity.live.write-delay-ms", 0, 0),
    PUBLISH_MAX_BYTES("activity.live.publish.max-bytes", 1_048_576, 1),
    PUBLISH_MAX_EVENTS("activity.live.publish.max-events", 1_000, 1),
    /** A publish request whose whole body has not arrived within this is answered 408. */
    PUBLISH_BODY_TIMEOUT_MS("activity.live.publish.body-timeout-ms", 30_000, 100),
    /**
     * How many publish requests at once may wait on a container thread for the rest of their body; one more is
     * answered 503, so publishers sending slowly never hold more threads than this.
     */
    PUBLISH_MAX_BODY_WAITS("activity.live.publish.max-body-waits", 64, 1),
    /** {@code auto}: raw frames where the container allows them, else the portable path; {@code portable}: never raw. */
    SEND_PATH("activity.live.send-path", SendPath.AUTO),
    /** {@code close}: a client past its queue limit is closed with 1008; {@code drop-oldest}: its oldest frames go. */
    SLOW_CLIENT_POLICY("activity.live.slow-client-policy", SlowClientPolicy.CLOSE),
    /**
     * {@code on}: for a client that falls behind, a pending {@code load_change} (or {@code reasoning_update} of the
     * same session) gives way to a newer one; {@code off}: every event is queued.
     */
    CONFLATION("activity.live.conflation", Conflation.ON),
    /** Comma-separated {@code scheme://host[:port]} allowed besides the server's own host: {@link AllowedOrigins}. */
    ALLOWED_ORIGINS("activity.live.allowed-origins"),
    /** {@code off}: anyone may connect and sees everything; {@code required}: a login is needed, events are scoped. */
    AUTHENTICATION("activity.live.authentication", Authentication.OFF),
    /** How long a login (its HTTP session) lasts without a request; its WebSockets close with 1008 when it ends. */
    LOGIN_TIMEOUT_S("activity.live.login-timeout-s", 1_800, 1),
    /** A client message (text or binary) longer than this closes the connection with 1009. */
    CLIENT_MESSAGE_MAX_BYTES("activity.live.client-message-max-bytes", 4_096, 64),
    /** A client sending more messages than this in a second (on average, bursts up to as many) is closed with 1008. */
    CLIENT_MESSAGES_PER_SECOND("activity.live.client-messages-per-second", 20, 1),
    /** The history a reconnecting client can resume from keeps at most this many of the latest events... */
    HISTORY_MAX_EVENTS("activity.live.history.max-events", 10_000, 0),
    /** ...and at most this many bytes of them (their frames, as held in memory)... */
    HISTORY_MAX_BYTES("activity.live.history.max-bytes", 16_777_216, 0),
    /** ...and none older than this. */
    HISTORY_MAX_AGE_MS("activity.live.history.max-age-ms", 300_000, 0),
    /** {@code on}: {@code load_change} events are derived from the stream; {@code off}: only published ones. */
    DERIVED_LOAD("activity.live.load.derived", DerivedLoad.ON),
    /** How often the derived load is computed: at most one {@code load_change} per interval. */
    LOAD_INTERVAL_MS("activity.live.load.interval-ms", 1_000, 100),
    /** {@code on}: instances share one stream through Payara's Hazelcast (which must run); {@code off}: one instance. */
    CLUSTER("activity.live.cluster", ClusterMode.OFF),
    /** How many events the cluster's stream log keeps: how far an instance may fall behind, and what a new one loads. */
    CLUSTER_LOG_EVENTS("activity.live.cluster.log-events", 10_000, 100),
    /**
     * A reasoning session with no update for this long is no longer "in progress": it leaves the state a client
     * asking for {@code snapshot=true} gets.
     */
    SNAPSHOT_SESSION_QUIET_MS("activity.live.snapshot.session-quiet-ms", 600_000, 1),
    /** {@code on}: the dashboard page is served at {@code /activity-live/} (the standalone WAR turns it on). */
    DASHBOARD("activity.live.dashboard", Dashboard.OFF);

    /** What a setting's value is. */
    public enum Kind {
        NUMBER, WORD, ORIGINS
    }

    private final String key;
    private final Kind kind;
    private final long defaultValue;
    private final long minimum;
    private final String defaultWord;
    /** The words a setting that is not a number may take; empty for numbers. */
    private final List<String> words;

    Setting(String key, long defaultValue, long minimum) {
        this.key = key;
        this.kind = Kind.NUMBER;
        this.defaultValue = defaultValue;
        this.minimum = minimum;
        this.defaultWord = null;
        this.words = List.of();
    }

    /** One of the words of {@code defaultValue}'s enum, that one by default. */
    Setting(String key, WordValue defaultValue) {
        this.key = key;
        this.kind = Kind.WORD;
        this.defaultValue = 0;
        this.minimum = 0;
        this.defaultWord = defaultValue.word();
        this.words = WordValue.wordsOf(defaultValue);
    }

    /** A list of origins, empty by default. */
    Setting(String key) {
        this.key = key;
        this.kind = Kind.ORIGINS;
        this.defaultValue = 0;
        this.minimum = 0;
        this.defaultWord = "";
        this.words = List.of();
    }

    public Kind kind() {
        return kind;
    }

    public List<String> words() {
        return words;
    }

    /** The default as written in the configuration: the number, or the word. */
    public String defaultText() {
        return kind == Kind.NUMBER ? Long.toString(defaultValue) : defaultWord;
    }

    public String key() {
        return key;
    }

    public long minimum() {
        return minimum;
    }

    /** The environment variable MicroProfile Config reads this key from. */
    public String environmentVariable() {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
