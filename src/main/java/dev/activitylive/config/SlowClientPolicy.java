package dev.activitylive.config;

/** What happens to a client whose queue would pass its byte limit: the value of {@link Setting#SLOW_CLIENT_POLICY}. */
public enum SlowClientPolicy implements WordValue {
    /** Close it with 1008 "Client too slow": it reconnects and reloads its state. Nothing is silently lost. */
    CLOSE,
    /**
     * Keep it connected and discard its oldest queued frames to make room: it silently misses events. A client that
     * reads nothing at all also answers no pings and is closed by the idle timeout.
     */
    DROP_OLDEST;
}
