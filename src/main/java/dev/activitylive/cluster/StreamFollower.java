package dev.activitylive.cluster;

import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the cluster's {@link StreamLog} in order and hands each entry to this instance's stream readers with its
 * cluster-wide id ({@code sequence + 1}), so every instance gives every event the same id and the same epoch, and a
 * client can resume on any instance. It notices the two ways continuity can break and says so, instead of numbering
 * across a hole:
 * <ul>
 *   <li>this instance fell so far behind that the log let go of entries it had not read: same epoch, but the local
 *   history starts again after the hole (and the clients that missed something reconnect);</li>
 *   <li>the log itself was lost (the members holding it and its backup died together): a new epoch, agreed on
 *   through the cluster, so clients know to reload.</li>
 * </ul>
 * One thread calls it; not thread-safe.
 */
final class StreamFollower {

    /** Where the entries go: the broker, which hands them to the stream's readers. */
    interface Sink {
        /** Event {@code id}, the one after the last delivered or restarted at. */
        void deliver(long id, ClusterMessage message);

        /** From now on the stream is {@code epoch}, and the next event delivered has id {@code lastId + 1}. */
        void restart(String epoch, long lastId, String why);
    }

    static final int MAX_BATCH = 1000;

    private final StreamLog log;
    private final Sink sink;
    private final Supplier<String> newEpoch;
    private String epoch;
    private long next;

    StreamFollower(StreamLog log, Sink sink, Supplier<String> newEpoch) {
        this.log = log;
        this.sink = sink;
        this.newEpoch = newEpoch;
    }

    /**
     * Joins the cluster's stream: takes its epoch and, so that a client can resume here right away, the latest
     * {@code keep} entries the log still holds (read at once, before any client connects here). Returns the epoch.
     */
    String start(int keep) throws InterruptedException {
        epoch = log.epoch(newEpoch.get());
        long tail = log.tail();
        next = Math.max(log.head(), tail + 1 - keep);
        sink.restart(epoch, next, "joined the cluster's stream");
        while (next <= tail) {
            poll();
        }
        return epoch;
    }

    /** Waits for the next entries and delivers them. */
    void poll() throws InterruptedException {
        List<StreamLog.Entry> entries;
        try {
            entries = log.read(next, MAX_BATCH);
        } catch (StreamLog.Reset lost) {
            epoch = log.renewEpoch(epoch, newEpoch.get());
            next = log.head();
            sink.restart(epoch, next, "the cluster's stream log was lost and began again");
            return;
        }
        for (StreamLog.Entry entry : entries) {
            if (entry.sequence() < next) {
                continue; // already delivered
            }
            if (entry.sequence() > next) {
                sink.restart(epoch, entry.sequence(), "this instance fell " + (entry.sequence() - next)
                        + " events behind the cluster's stream log");
            }
            next = entry.sequence() + 1;
            try {
                sink.deliver(next, ClusterMessage.decode(entry.message()));
            } catch (IllegalArgumentException notOurs) {
                // Written by something else (another version?): numbering across it would make ids differ
                // between instances that can and cannot read it, so the local history starts again after it.
                sink.restart(epoch, next, "entry " + entry.sequence() + " of the cluster's stream log is not an "
                        + "activity-live event (" + notOurs.getMessage() + ")");
            }
        }
    }

    String epoch() {
        return epoch;
    }
}
