package dev.activitylive.cluster;

import java.util.ArrayList;
import java.util.List;

/** A ring buffer in memory for tests, with Hazelcast's read rules: a read below the head starts at the head. */
final class MemoryStreamLog implements StreamLog {
    final int capacity;
    final List<String> all = new ArrayList<>();
    long base;
    String epoch;

    MemoryStreamLog(int capacity) {
        this.capacity = capacity;
    }

    /** The batches appended, as {@link ClusterSender} sent them. */
    final List<Integer> batches = new ArrayList<>();
    /** Makes the next append throw. */
    volatile boolean failNext;

    @Override
    public synchronized void appendAll(List<String> messages) {
        if (failNext) {
            failNext = false;
            throw new IllegalStateException("cluster gone");
        }
        all.addAll(messages);
        batches.add(messages.size());
    }

    void append(String message) {
        appendAll(List.of(message));
    }

    @Override
    public synchronized List<Entry> read(long sequence, int max) {
        if (sequence > tail() + 1) {
            throw new Reset("beyond tail", null);
        }
        List<Entry> entries = new ArrayList<>();
        for (long s = Math.max(sequence, head()); s <= tail() && entries.size() < max; s++) {
            entries.add(new Entry(s, all.get((int) (s - base))));
        }
        return entries;
    }

    @Override
    public long head() {
        return Math.max(base, base + all.size() - capacity);
    }

    @Override
    public long tail() {
        return base + all.size() - 1;
    }

    @Override
    public String epoch(String proposed) {
        if (epoch == null) {
            epoch = proposed;
        }
        return epoch;
    }

    @Override
    public String renewEpoch(String ended, String proposed) {
        if (epoch == null || epoch.equals(ended)) {
            epoch = proposed;
        }
        return epoch;
    }

    void lose() {
        all.clear();
        base = 0;
        epoch = null;
    }
}
