package dev.activitylive.cluster;

import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The {@link StreamLog} on Payara's Hazelcast member: a ring buffer, which gives every entry one sequence and every
 * reader the same order (an {@code ITopic} is ordered per publisher only), with one synchronous backup, so the loss
 * of any one member loses nothing; the epoch sits in a map beside it, as durable as the ring buffer.
 */
final class HazelcastStreamLog implements StreamLog {

    static final String NAME = "activity-live-stream";
    private static final String EPOCH = "epoch";

    private final Ringbuffer<String> ring;
    private final IMap<String, String> epochs;

    /** Every instance must give the same {@code capacity}: Hazelcast refuses a conflicting configuration. */
    HazelcastStreamLog(HazelcastInstance hazelcast, int capacity) {
        hazelcast.getConfig().addRingBufferConfig(new RingbufferConfig(NAME)
                .setCapacity(capacity).setBackupCount(1).setAsyncBackupCount(0).setTimeToLiveSeconds(0));
        this.ring = hazelcast.getRingbuffer(NAME);
        this.epochs = hazelcast.getMap(NAME);
    }

    @Override
    public void appendAll(List<String> messages) {
        try {
            ring.addAllAsync(messages, OverflowPolicy.OVERWRITE).toCompletableFuture().get();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("appending to the cluster's stream log failed", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending to the cluster's stream log", interrupted);
        }
    }

    @Override
    public List<Entry> read(long sequence, int max) throws InterruptedException {
        ReadResultSet<String> read;
        try {
            read = ring.readManyAsync(sequence, 1, max, null).toCompletableFuture().get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof IllegalArgumentException beyondTail) {
                throw new Reset("sequence " + sequence + " is beyond the log's tail " + ring.tailSequence(),
                        beyondTail);
            }
            throw new IllegalStateException("reading the cluster's stream log failed", failed.getCause());
        }
        List<Entry> entries = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            entries.add(new Entry(read.getSequence(i), read.get(i)));
        }
        return entries;
    }

    @Override
    public long head() {
        return ring.headSequence();
    }

    @Override
    public long tail() {
        return ring.tailSequence();
    }

    @Override
    public String epoch(String proposed) {
        String existing = epochs.putIfAbsent(EPOCH, proposed);
        return existing == null ? proposed : existing;
    }

    @Override
    public String renewEpoch(String ended, String proposed) {
        if (epochs.replace(EPOCH, ended, proposed) || epochs.putIfAbsent(EPOCH, proposed) == null) {
            return proposed;
        }
        return epochs.get(EPOCH);
    }
}
