package dev.activitylive.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The most bytes any one client has had queued: how close slow clients come to their limit. Raised by the queues;
 * an offer only reads it unless it sets a new mark, so the fan-out does not fight over it.
 */
public final class QueueHighWater {

    private final AtomicLong bytes = new AtomicLong();

    void seen(long queuedBytes) {
        if (queuedBytes > bytes.get()) {
            bytes.accumulateAndGet(queuedBytes, Math::max);
        }
    }

    public long bytes() {
        return bytes.get();
    }
}
