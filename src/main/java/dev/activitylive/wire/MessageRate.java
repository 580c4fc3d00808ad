package dev.activitylive.wire;

/**
 * A token bucket over one client's messages: {@code perSecond} messages a second on average, bursts of up to as many.
 * The protocol's messages are rare (a subscription change, an occasional ping): a client far above that is faulty or
 * hostile, and every message it sends costs a parse.
 */
public final class MessageRate {

    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private double tokens;
    private long refilledAt;

    public MessageRate(int perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.refilledAt = nowNanos;
    }

    /** Takes one message's token; false when the client is over its rate. */
    public synchronized boolean admit(long nowNanos) {
        tokens = Math.min(perSecond, tokens + (double) (nowNanos - refilledAt) * perSecond / SECOND);
        refilledAt = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
