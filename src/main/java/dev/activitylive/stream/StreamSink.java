package dev.activitylive.stream;

/**
 * What reads the stream: every entry, in the stream's one order, with the id the stream gave it. Called on the thread
 * that published (one instance) or on the cluster's follower thread, one entry at a time; it must only queue.
 */
public interface StreamSink {

    /** Entry {@code id}: the one after the last delivered, or after the {@code lastId} of the last restart. */
    void deliver(long id, StreamEntry entry);

    /**
     * Continuity was lost or the stream was joined: from now on it is {@code epoch}, and the next entry has id
     * {@code lastId + 1}.
     */
    void restart(String epoch, long lastId, String why);

    /** This sink, then {@code next}, for every entry and restart. */
    default StreamSink andThen(StreamSink next) {
        StreamSink first = this;
        return new StreamSink() {
            @Override
            public void deliver(long id, StreamEntry entry) {
                first.deliver(id, entry);
                next.deliver(id, entry);
            }

            @Override
            public void restart(String epoch, long lastId, String why) {
                first.restart(epoch, lastId, why);
                next.restart(epoch, lastId, why);
            }
        };
    }
}
