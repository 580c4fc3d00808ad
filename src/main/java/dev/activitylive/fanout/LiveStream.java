package dev.activitylive.fanout;

import dev.activitylive.config.Settings;
import dev.activitylive.event.ActivityEventType;
import dev.activitylive.metrics.LiveMetrics;
import dev.activitylive.stream.History;
import dev.activitylive.stream.Lookup;
import dev.activitylive.transport.Outbound;
import dev.activitylive.wire.CloseReasons;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The numbered stream of broadcast events: gives each event the next id, keeps it in the {@link History}, and queues
 * it for the clients that want it; registers new clients and replays what a resuming client missed. All of that
 * happens under one lock, so every client sees ids in increasing order, and a client that joins or resumes gets
 * every event after its {@code since} exactly once, however many producers publish meanwhile: an event is either
 * in the history before the client is registered (or resumes) and is replayed, or is queued to it live after.
 * Under the lock the work is queueing, and the small JSON splices that put the id or position in; event JSON is
 * written before the lock is taken (a resume's answer, once per resume, is written under it). Nobody waits on a
 * socket there.
 */
@ApplicationScoped
public class LiveStream {

    private static final Logger LOG = Logger.getLogger(LiveStream.class.getName());
    /** Ids start at 1: as an event's id, 0 means "the next one". */
    private static final long NEXT_ID = 0;

    private final ReentrantLock order = new ReentrantLock();
    /**
     * Changes whenever continuity is lost. Alone, every deployment (a restart, a redeploy) starts a new stream; in a
     * cluster the epoch and the ids are the cluster's ({@link #restart}), and events come in through {@link #deliver}.
     */
    private volatile String epoch = newEpoch();
    private History<StreamedEvent> history;
    /** Where this instance's events go instead of straight to its clients when it is part of a cluster. */
    private volatile Uplink uplink;

    @Inject
    Settings settings;

    @Inject
    Clients clients;

    @Inject
    LiveMetrics metrics;

    @PostConstruct
    void start() {
        history = new History<>(settings.historyMaxEvents(), settings.historyMaxBytes(),
                settings.historyMaxAge().toNanos());
    }

    /** How many events the history keeps now. */
    public int historySize() {
        return locked(() -> history.size(System.nanoTime()));
    }

    /** What the kept events weigh, roughly, in bytes. */
    public long historyBytes() {
        return locked(() -> history.bytes(System.nanoTime()));
    }

    public String epoch() {
        return epoch;
    }

    /** The id of the latest event. */
    public long lastId() {
        return locked(history::lastId);
    }

    /** A new epoch: unlikely ever to be made twice. */
    public static String newEpoch() {
        return Long.toString(System.currentTimeMillis(), 36) + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    /**
     * Sends this instance's events to the cluster from now on: {@link #publish} hands them to {@code uplink}, and the
     * cluster delivers them back, numbered, through {@link #deliver}, as it delivers every other instance's.
     */
    public void connect(Uplink uplink) {
        this.uplink = uplink;
    }

    /** Where an instance in a cluster sends its events. */
    @FunctionalInterface
    public interface Uplink {
        void send(ActivityEventType type, String userId, String json);
    }

    /**
     * Streams {@code json}, the event as the original protocol writes it: alone, numbers it, keeps it and queues it
     * to its clients; in a cluster, sends it to the cluster, which delivers it to every instance.
     */
    public void publish(ActivityEventType type, String userId, String json) {
        Uplink cluster = uplink;
        if (cluster != null) {
            cluster.send(type, userId, json);
            return;
        }
        append(NEXT_ID, type, userId, json);
    }

    /**
     * Streams event {@code id} of the cluster's stream, which must be the one after the last ({@link #restart} says
     * where to go on from otherwise): keeps it and queues it to this instance's clients that want it.
     */
    public void deliver(long id, ActivityEventType type, String userId, String json) {
        append(id, type, userId, json);
    }

    /** Gives the event its id ({@link #NEXT_ID}: the next one), keeps it and queues it to its clients. */
    private void append(long id, ActivityEventType type, String userId, String json) {
        int deliveries;
        order.lock();
        try {
            long next = history.lastId() + 1;
            if (id != NEXT_ID && id != next) {
                throw new IllegalStateException("event " + id + " delivered after " + history.lastId());
            }
            StreamedEvent event = new StreamedEvent(type, userId, Outbound.Text.of(StreamMessages.withId(json, next)));
            history.append(event, event.weight(), System.nanoTime());
            deliveries = clients.broadcast(type, userId, event.frame());
        } finally {
            order.unlock();
        }
        metrics.broadcast(deliveries);
    }

    /**
     * Goes on as stream {@code epoch} after event {@code lastId}, forgetting the history: the cluster's stream was
     * joined, or continuity was lost. Clients connected here may have missed events, so they are closed with 1012
     * and, reconnecting, resume (here, where that is now refused, or on an instance that has what they missed).
     */
    public void restart(String epoch, long lastId, String why) {
        boolean hadClients;
        order.lock();
        try {
            hadClients = clients.count() > 0;
            history.restartAfter(lastId);
            this.epoch = epoch;
        } finally {
            order.unlock();
        }
        LOG.log(hadClients ? Level.WARNING : Level.INFO, "Stream {0} goes on after event {1}: {2}",
                new Object[] {epoch, lastId, why});
        if (hadClients) {
            clients.closeAll(CloseReasons.STREAM_RESTARTED);
        }
    }

    /**
     * Registers {@code client}: first its {@code connection_established} with the epoch and last id, then, if it
     * asked to resume, what it missed and the {@code recovery} answer, then every live event.
     */
    public void join(LiveClient client, ResumeRequest resume) {
        String established = StreamMessages.connectionEstablished(client.id());
        order.lock();
        try {
            client.send(Outbound.Text.of(StreamMessages.withPosition(established, epoch, history.lastId())));
            if (resume != null) {
                replay(client, resume);
            }
            clients.register(client);
        } finally {
            order.unlock();
        }
    }

    /** Answers a {@code resume} message of a connected client. */
    public void resume(LiveClient client, ResumeRequest resume) {
        order.lock();
        try {
            replay(client, resume);
        } finally {
            order.unlock();
        }
    }

    private void replay(LiveClient client, ResumeRequest resume) {
        long lastId = history.lastId();
        if (!resume.valid()) {
            client.send(Outbound.Text.of(StreamMessages.notRecovered(epoch, lastId, ResumeRequest.INVALID_REASON)));
            return;
        }
        if (!resume.epoch().equals(epoch)) {
            client.send(Outbound.Text.of(StreamMessages.notRecovered(epoch, lastId, "epoch " + resume.epoch()
                    + " has ended: the server restarted or its history was reset")));
            return;
        }
        Lookup<StreamedEvent> missed = history.after(resume.since(), System.nanoTime());
        if (missed instanceof Lookup.Unknown<StreamedEvent> unknown) {
            client.send(Outbound.Text.of(StreamMessages.notRecovered(epoch, lastId, unknown.reason())));
            return;
        }
        List<StreamedEvent> wanted = ((Lookup.Found<StreamedEvent>) missed).items().stream()
                .filter(event -> client.wants(event.type(), event.userId())).toList();
        long bytes = wanted.stream().mapToLong(event -> event.frame().size()).sum();
        if (bytes > settings.clientQueueMaxBytes()) {
            // Queued at once it would overflow the client's queue, which closes it or drops the oldest: reload instead.
            client.send(Outbound.Text.of(StreamMessages.notRecovered(epoch, lastId, wanted.size() + " missed events ("
                    + bytes + " bytes) are more than one client's queue holds")));
            return;
        }
        wanted.forEach(event -> client.send(event.frame()));
        client.send(Outbound.Text.of(StreamMessages.recovered(epoch, resume.since(), lastId, wanted.size())));
        metrics.replayed(wanted.size());
    }

    private <T> T locked(Supplier<T> read) {
        order.lock();
        try {
            return read.get();
        } finally {
            order.unlock();
        }
    }
}
