package dev.activitylive.cluster;

import java.util.List;

/**
 * The cluster's one ordered log of events: every instance appends what its producers fire and reads everything, in
 * the same order, numbered by the same sequence. An interface so that {@link StreamFollower}'s handling of gaps and
 * resets is tested without a cluster; {@link HazelcastStreamLog} is the real one.
 */
interface StreamLog {

    /** Appends {@code messages}, in order, consecutively; returns once the cluster holds them (and their backup). */
    void appendAll(List<String> messages);

    /**
     * Waits for the entries from {@code sequence} on and returns up to {@code max} of them (at least one). If the
     * log no longer holds {@code sequence}, starts at the oldest it holds: the caller sees the gap in the sequences.
     *
     * @throws Reset if {@code sequence} is beyond anything the log ever had: the log was lost and began again
     */
    List<Entry> read(long sequence, int max) throws InterruptedException;

    /** The sequence of the oldest entry held (the next one to come, if none is held). */
    long head();

    /** The sequence of the newest entry, {@code head() - 1} if none is held. */
    long tail();

    /** The cluster's epoch: {@code proposed} if the cluster has none yet, else the one it has. */
    String epoch(String proposed);

    /** Replaces {@code ended} by {@code proposed} unless another instance already replaced it; the epoch after. */
    String renewEpoch(String ended, String proposed);

    /** One entry of the log. */
    record Entry(long sequence, String message) {
    }

    /** The log began again from nothing: its sequences no longer mean what they meant. */
    final class Reset extends RuntimeException {
        Reset(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
