package dev.activitylive.config;

/**
 * Whether a client that falls behind gets only the newest pending value of each latest-class event: the value of
 * {@link Setting#CONFLATION}.
 */
public enum Conflation implements WordValue {
    /** A pending {@code load_change}, or {@code reasoning_update} of a session, gives way to a newer one. */
    ON,
    /** Every event is queued; a client that falls behind meets the slow-client policy alone. */
    OFF;
}
