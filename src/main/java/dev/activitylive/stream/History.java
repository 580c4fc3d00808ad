package dev.activitylive.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * The latest events of a stream, numbered 1, 2, 3... in the order they are appended, for clients that reconnect and
 * ask for what they missed. Bounded three ways, each a setting: a number of events, the bytes they hold, and their
 * age; the oldest go first. A ring of arrays, so finding where a client resumes is an index, not a search.
 * Not thread-safe: its owner numbers events under one lock and calls everything under it.
 */
public final class History<T> {

    private final int maxEvents;
    private final long maxBytes;
    private final long maxAgeNanos;
    private final Object[] items;
    private final long[] sizes;
    private final long[] appendedAt;
    /** Ring index of the oldest kept event. */
    private int head;
    private int count;
    private long bytes;
    private long lastId;

    public History(int maxEvents, long maxBytes, long maxAgeNanos) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.maxAgeNanos = maxAgeNanos;
        this.items = new Object[maxEvents];
        this.sizes = new long[maxEvents];
        this.appendedAt = new long[maxEvents];
    }

    /** The id the last appended event got; 0 before the first. */
    public long lastId() {
        return lastId;
    }

    /** Lets go of every kept event and goes on from {@code lastId}: the next appended event is {@code lastId + 1}. */
    public void restartAfter(long lastId) {
        while (count > 0) {
            evictOldest();
        }
        this.lastId = lastId;
    }

    /** Keeps {@code item}, which weighs {@code size} bytes, as event {@code lastId() + 1}, making room as needed. */
    public void append(T item, long size, long nowNanos) {
        lastId++;
        evictOlderThan(nowNanos);
        while (count > 0 && (count == maxEvents || bytes + size > maxBytes)) {
            evictOldest();
        }
        if (maxEvents == 0 || size > maxBytes) {
            return; // kept nowhere: a client that missed it cannot resume past it
        }
        int at = (head + count) % maxEvents;
        items[at] = item;
        sizes[at] = size;
        appendedAt[at] = nowNanos;
        count++;
        bytes += size;
    }

    /**
     * Every kept event after {@code since}, oldest first, if none after it has been let go; otherwise why not.
     * {@code since} equal to {@link #lastId()} finds nothing missed.
     */
    public Lookup<T> after(long since, long nowNanos) {
        evictOlderThan(nowNanos);
        if (since > lastId) {
            return new Lookup.Unknown<>("event " + since + " has not happened yet (last id " + lastId + ")");
        }
        long oldestKept = lastId - count + 1;
        if (since + 1 < oldestKept) {
            return new Lookup.Unknown<>("events after " + since + " are no longer kept (oldest kept: "
                    + (count == 0 ? "none" : Long.toString(oldestKept)) + ")");
        }
        int skip = (int) (since + 1 - oldestKept);
        List<T> found = new ArrayList<>(count - skip);
        for (int i = skip; i < count; i++) {
            found.add(itemAt(i));
        }
        return new Lookup.Found<>(found);
    }

    /** How many events are kept, after letting go of those past their age. */
    public int size(long nowNanos) {
        evictOlderThan(nowNanos);
        return count;
    }

    /** The bytes the kept events weigh, after letting go of those past their age. */
    public long bytes(long nowNanos) {
        evictOlderThan(nowNanos);
        return bytes;
    }

    @SuppressWarnings("unchecked")
    private T itemAt(int offset) {
        return (T) items[(head + offset) % maxEvents];
    }

    private void evictOlderThan(long nowNanos) {
        while (count > 0 && nowNanos - appendedAt[head] > maxAgeNanos) {
            evictOldest();
        }
    }

    private void evictOldest() {
        bytes -= sizes[head];
        items[head] = null;
        head = (head + 1) % maxEvents;
        count--;
    }
}
