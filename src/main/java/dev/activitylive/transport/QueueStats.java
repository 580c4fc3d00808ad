package dev.activitylive.transport;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every client's queue adds up to, for operators: the most bytes any one client has had queued (how close slow
 * clients come to their limit), the frames dropped under {@code drop-oldest}, those conflated, and the writes handed to connections
 * (each carrying one frame or several: fewer writes than deliveries is coalescing at work). A queue only reads the high-water
 * mark unless it sets a new one, so the fan-out does not fight over it.
 */
public final class QueueStats {

    private final AtomicLong highWater = new AtomicLong();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder conflated = new LongAdder();
    private final LongAdder writes = new LongAdder();

    void seen(long queuedBytes) {
        if (queuedBytes > highWater.get()) {
            highWater.accumulateAndGet(queuedBytes, Math::max);
        }
    }

    void dropped() {
        dropped.increment();
    }

    void conflated() {
        conflated.increment();
    }

    void wrote() {
        writes.increment();
    }

    /** Writes handed to clients' connections since the application started. */
    public long writes() {
        return writes.sum();
    }

    public long highWaterBytes() {
        return highWater.get();
    }

    /** Frames dropped since the application started, of every client. */
    public long droppedFrames() {
        return dropped.sum();
    }

    /** Pending frames that gave way to a newer one of their kind, of every client, since the application started. */
    public long conflatedFrames() {
        return conflated.sum();
    }
}
