package dev.activitylive.cluster;

import com.hazelcast.core.HazelcastInstance;
import dev.activitylive.config.ClusterMode;
import dev.activitylive.config.Setting;
import dev.activitylive.config.Settings;
import dev.activitylive.event.ActivityEventType;
import dev.activitylive.fanout.LiveStream;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Makes this instance one of a cluster's, when {@code activity.live.cluster=on}: its events go to the cluster's
 * {@link StreamLog} (one message per event, the JSON the clients get), and one thread of ours follows the log and
 * delivers every instance's events, in the log's order and numbered by it, to the local {@link LiveStream}, which fans
 * them out here. Nothing per client crosses the cluster. Uses the Hazelcast member Payara Micro runs.
 */
@ApplicationScoped
public class ClusterStream {

    private static final Logger LOG = Logger.getLogger(ClusterStream.class.getName());
    /** Where Payara binds its Hazelcast member. */
    private static final String HAZELCAST_JNDI = "payara/Hazelcast";

    @Inject
    Settings settings;

    @Inject
    LiveStream stream;

    @Resource
    ManagedThreadFactory threadFactory;

    private HazelcastInstance hazelcast;
    /** Told of every event the cluster's stream delivers here, after the clients. */
    private volatile DeliveryListener listener = (type, json) -> { };
    private ClusterSender sender;
    private Thread sending;
    private Thread follower;
    private volatile boolean running;

    /**
     * Joins the cluster's stream (its epoch, and the latest events it still holds, for resuming clients) and starts
     * following it; does nothing when clustering is off. Throws, failing the deployment, if Payara runs no Hazelcast.
     */
    public void start() {
        if (settings.cluster() != ClusterMode.ON) {
            return;
        }
        hazelcast = payaraHazelcast();
        StreamLog log = new HazelcastStreamLog(hazelcast, settings.clusterLogEvents());
        StreamFollower reader = new StreamFollower(log, new StreamFollower.Sink() {
            @Override
            public void deliver(long id, ClusterMessage message) {
                stream.deliver(id, message.type(), message.userId(), message.json());
                listener.delivered(message.type(), message.json());
            }

            @Override
            public void restart(String epoch, long lastId, String why) {
                stream.restart(epoch, lastId, why);
            }
        }, LiveStream::newEpoch);
        // Connected first: an event fired while the history loads goes to the cluster and comes back numbered.
        sender = new ClusterSender(log);
        sending = threadFactory.newThread(sender);
        sending.setName("activity-live-cluster-sender");
        sending.start();
        stream.connect((type, userId, json) -> sender.send(new ClusterMessage(type, userId, json).encode()));
        try {
            reader.start(settings.historyMaxEvents());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the cluster's stream", interrupted);
        }
        running = true;
        follower = threadFactory.newThread(() -> follow(reader));
        follower.setName("activity-live-cluster-follower");
        follower.start();
        LOG.log(Level.INFO, "activity-live joined the cluster''s stream as {0}: epoch {1}, last id {2}, {3} members",
                new Object[] {member(), reader.epoch(), stream.lastId(), members()});
    }

    /** Something that wants every instance's events, as delivered here: the derived load. */
    @FunctionalInterface
    public interface DeliveryListener {
        void delivered(ActivityEventType type, String json);
    }

    /** From now on, {@code listener} is told of every event delivered here; runs on the follower's thread. */
    public void listen(DeliveryListener listener) {
        this.listener = listener;
    }

    /**
     * Stops following the cluster's stream, and sends what was fired here before (events fired while the application
     * stops are sent too: numbering them here would give ids the other instances also give).
     */
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

    /** Events fired here that the cluster has not taken yet (0 alone). */
    public long unsent() {
        return sender == null ? 0 : sender.unsent();
    }

    /** Where this instance's sending to the cluster stands: the number of events it has queued so far (0 alone). */
    public long sendPosition() {
        return sender == null ? 0 : sender.position();
    }

    /**
     * Waits until this instance's events after position {@code after} up to {@code upTo} are held by the cluster;
     * false if sending one of them failed or it took longer than {@code timeout}. Alone, true at once.
     */
    public boolean awaitSent(long after, long upTo, Duration timeout) throws InterruptedException {
        return sender == null || sender.awaitSent(after, upTo, timeout);
    }

    /** False if, in a cluster, the sending or the following thread has died (never expected: both catch all). */
    public boolean alive() {
        return follower == null || !running || (follower.isAlive() && sending.isAlive());
    }

    /** This instance's Hazelcast address, {@code host:port}; null when clustering is off. */
    public String member() {
        if (hazelcast == null) {
            return null;
        }
        var address = hazelcast.getCluster().getLocalMember().getAddress();
        return address.getHost() + ":" + address.getPort();
    }

    /** How many instances the cluster has now; 1 when clustering is off. */
    public int members() {
        return hazelcast == null ? 1 : hazelcast.getCluster().getMembers().size();
    }

    /** Whether this instance is the cluster's oldest member (or alone): the one that speaks for the cluster. */
    public boolean leads() {
        return hazelcast == null || hazelcast.getCluster().getMembers().iterator().next().localMember();
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

    private static HazelcastInstance payaraHazelcast() {
        HazelcastInstance instance;
        try {
            instance = InitialContext.doLookup(HAZELCAST_JNDI);
        } catch (NamingException | RuntimeException missing) {
            throw new IllegalStateException(notRunning(), missing);
        }
        if (instance == null || !instance.getLifecycleService().isRunning()) {
            throw new IllegalStateException(notRunning());
        }
        return instance;
    }

    private static String notRunning() {
        return Setting.CLUSTER.key() + "=on needs Payara's Hazelcast, which is not running: start Payara Micro "
                + "without --nohazelcast, with the cluster flags of server-config/run.sh (see the README's Cluster)";
    }
}
