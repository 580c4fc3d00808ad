package dev.activitylive.cluster;

import com.hazelcast.core.HazelcastInstance;
import dev.activitylive.container.servers.ThisServer;
import dev.activitylive.stream.Broker;
import dev.activitylive.stream.Epochs;
import dev.activitylive.stream.StreamEntry;
import dev.activitylive.stream.StreamSink;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The stream of a cluster ({@code activity.live.cluster=on}): events published here go to the cluster's
 * {@link StreamLog} (one message per event, the JSON the clients get), and one thread of ours follows the log and
 * hands every instance's events, in the log's order and numbered by it, to the sink. Nothing per client crosses the
 * cluster. Uses the Hazelcast member Payara Micro runs. Not a CDI bean: made only when clustering is on, so that
 * without it no Hazelcast class is ever loaded.
 */
public final class HazelcastBroker implements Broker {

    private static final Logger LOG = Logger.getLogger(HazelcastBroker.class.getName());

    private final HazelcastInstance hazelcast;
    private final int logEvents;
    private final int keep;
    private final ThreadFactory threads;
    private ClusterSender sender;
    private Thread sending;
    private Thread follower;
    private volatile boolean running;

    /**
     * Uses Payara's Hazelcast member; its log holds {@code logEvents} events, of which the latest {@code keep} are
     * read at once on joining, for clients that resume here. Throws, failing the deployment, if Payara runs none.
     */
    public HazelcastBroker(int logEvents, int keep, ThreadFactory threads) {
        this.hazelcast = runningMember();
        this.logEvents = logEvents;
        this.keep = keep;
        this.threads = threads;
    }

    /** Joins the cluster's stream (its epoch, and the latest events it still holds) and starts following it. */
    @Override
    public void start(StreamSink sink) {
        StreamLog log = new HazelcastStreamLog(hazelcast, logEvents);
        StreamFollower reader = new StreamFollower(log, new StreamFollower.Sink() {
            @Override
            public void deliver(long id, ClusterMessage message) {
                sink.deliver(id, StreamEntry.remote(message.type(), message.userId(), message.json()));
            }

            @Override
            public void restart(String epoch, long lastId, String why) {
                sink.restart(epoch, lastId, why);
            }
        }, Epochs::next);
        // Sending first: an event fired while the history loads goes to the cluster and comes back numbered.
        sender = new ClusterSender(log);
        sending = threads.newThread(sender);
        sending.setName("activity-live-cluster-sender");
        sending.start();
        try {
            reader.start(keep);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the cluster's stream", interrupted);
        }
        running = true;
        follower = threads.newThread(() -> follow(reader));
        follower.setName("activity-live-cluster-follower");
        follower.start();
        LOG.log(Level.INFO, "activity-live joined the cluster''s stream as {0}: epoch {1}, {2} members",
                new Object[] {member().orElse("?"), reader.epoch(), instances()});
    }

    @Override
    public long publish(StreamEntry entry) {
        return sender.send(new ClusterMessage(entry.type(), entry.userId(), entry.json()).encode());
    }

    @Override
    public boolean awaitHeld(long first, long last, Duration timeout) throws InterruptedException {
        return sender.awaitSent(first - 1, last, timeout);
    }

    /**
     * Stops following the cluster's stream, and sends what was published here before (events fired while the
     * application stops are sent too: numbering them here would give ids the other instances also give).
     */
    @Override
    public void stop() {
        if (follower == null) {
            return;
        }
        running = false;
        follower.interrupt();
        sender.stop();
        try {
            follower.join(TimeUnit.SECONDS.toMillis(5));
            sending.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        follower = null;
    }

    @Override
    public long unsent() {
        return sender == null ? 0 : sender.unsent();
    }

    @Override
    public boolean alive() {
        return follower == null || !running || (follower.isAlive() && sending.isAlive());
    }

    @Override
    public Optional<String> member() {
        var address = hazelcast.getCluster().getLocalMember().getAddress();
        return Optional.of(address.getHost() + ":" + address.getPort());
    }

    @Override
    public int instances() {
        return hazelcast.getCluster().getMembers().size();
    }

    @Override
    public boolean leads() {
        return hazelcast.getCluster().getMembers().iterator().next().localMember();
    }

    private void follow(StreamFollower reader) {
        while (running) {
            try {
                reader.poll();
            } catch (InterruptedException interrupted) {
                return;
            } catch (RuntimeException failed) {
                if (!running) {
                    return;
                }
                // A member leaving, a partition moving: Hazelcast retries inside; what reaches here is worth a line.
                LOG.log(Level.WARNING, "Following the cluster's stream failed; retrying in a second", failed);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private static HazelcastInstance runningMember() {
        HazelcastInstance instance = (HazelcastInstance) ThisServer.hazelcast();
        if (!instance.getLifecycleService().isRunning()) {
            throw new IllegalStateException(ThisServer.NO_HAZELCAST);
        }
        return instance;
    }
}
