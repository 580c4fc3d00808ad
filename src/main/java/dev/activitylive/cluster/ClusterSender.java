package dev.activitylive.cluster;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends this instance's events to the cluster's {@link StreamLog} in the order they were fired, in batches: a
 * producer only queues (as it would alone), and one thread appends whatever has queued meanwhile as one batch, so
 * a burst costs one round trip to the cluster, not one per event, and reaches every instance together, where the
 * fan-out writes it to each client in one go. Whoever needs to know that events are held by the cluster (the HTTP
 * publish, before its 202) waits for their position ({@link #awaitSent}).
 * <p>
 * Bounded: past {@link #MAX_QUEUED} waiting events a producer waits for room (the cluster is slower than the
 * producers, or gone); past {@link #ROOM_WAIT} it gets an exception instead of growing the heap without bound.
 */
final class ClusterSender implements Runnable {

    private static final Logger LOG = Logger.getLogger(ClusterSender.class.getName());
    /** Hazelcast appends at most this many entries at once. */
    static final int MAX_BATCH = 1000;
    static final int MAX_QUEUED = 100_000;
    static final Duration ROOM_WAIT = Duration.ofSeconds(30);

    private final StreamLog log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queuedOrStopped = lock.newCondition();
    private final Condition settled = lock.newCondition();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    /** The n-th event queued has position n; every one up to {@code settledUpTo} was appended, or failed. */
    private long queuedUpTo;
    private long settledUpTo;
    /** First and last position of each recent batch that failed (the oldest are let go). */
    private final NavigableMap<Long, Long> failed = new TreeMap<>();
    private boolean stopped;

    ClusterSender(StreamLog log) {
        this.log = log;
    }

    /** Queues {@code message} to be appended after everything queued before it; returns its position. */
    long send(String message) {
        lock.lock();
        try {
            long giveUp = System.nanoTime() + ROOM_WAIT.toNanos();
            while (queue.size() >= MAX_QUEUED && !stopped) {
                long left = giveUp - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(MAX_QUEUED + " events wait for the cluster, which took none for "
                            + ROOM_WAIT.toSeconds() + " s: this one is not streamed");
                }
                settled.awaitNanos(left);
            }
            queue.add(message);
            queuedUpTo++;
            queuedOrStopped.signal();
            return queuedUpTo;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for room to send to the cluster", interrupted);
        } finally {
            lock.unlock();
        }
    }

    /** The position of the last event queued so far. */
    long position() {
        lock.lock();
        try {
            return queuedUpTo;
        } finally {
            lock.unlock();
        }
    }

    /** How many queued events the cluster has not yet taken (or refused). */
    long unsent() {
        lock.lock();
        try {
            return queuedUpTo - settledUpTo;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every event after position {@code after} up to {@code upTo} is settled; true if all of them are
     * held by the cluster, false if one failed or they did not settle within {@code timeout}.
     */
    boolean awaitSent(long after, long upTo, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (settledUpTo < upTo) {
                if (left <= 0) {
                    return false;
                }
                left = settled.awaitNanos(left);
            }
            var overlapping = failed.floorEntry(upTo);
            return overlapping == null || overlapping.getValue() <= after;
        } finally {
            lock.unlock();
        }
    }

    /** Appends queued events in batches until {@link #stop()}; run by one thread of its own. */
    @Override
    public void run() {
        List<String> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            long last;
            lock.lock();
            try {
                while (queue.isEmpty() && !stopped) {
                    queuedOrStopped.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return; // stopped, and everything queued before was sent
                }
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
                last = settledUpTo + batch.size();
            } finally {
                lock.unlock();
            }
            boolean appended = append(batch);
            lock.lock();
            try {
                if (!appended) {
                    failed.put(last - batch.size() + 1, last);
                    while (failed.size() > 100) {
                        failed.pollFirstEntry();
                    }
                }
                settledUpTo = last;
                settled.signalAll();
            } finally {
                lock.unlock();
            }
            batch.clear();
        }
    }

    /** Lets {@link #run()} end once what is queued now has been sent. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            queuedOrStopped.signalAll();
            settled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean append(List<String> batch) {
        try {
            log.appendAll(batch);
            return true;
        } catch (RuntimeException failure) {
            // Not retried: Hazelcast already retries what can be retried, and a batch that reached the cluster but
            // whose answer was lost would be streamed twice.
            LOG.log(Level.SEVERE, batch.size() + " events could not be sent to the cluster and are not streamed",
                    failure);
            return false;
        }
    }
}
