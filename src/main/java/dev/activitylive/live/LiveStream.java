package dev.activitylive.live;

import dev.activitylive.config.Settings;
import dev.activitylive.event.ActivityEventType;
import dev.activitylive.history.History;
import dev.activitylive.history.Lookup;
import dev.activitylive.metrics.LiveMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

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

    private final ReentrantLock order = new ReentrantLock();
    /** Changes whenever continuity is lost: every deployment (a restart, a redeploy) starts a new stream. */
    private final String epoch = Long.toString(System.currentTimeMillis(), 36) + "-"
            + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private History<StreamedEvent> history;

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
    int historySize() {
        return locked(() -> history.size(System.nanoTime()));
    }

    /** What the kept events weigh, roughly, in bytes. */
    long historyBytes() {
        return locked(() -> history.bytes(System.nanoTime()));
    }

    public String epoch() {
        return epoch;
    }

    /** The id of the latest event. */
    public long lastId() {
        return locked(history::lastId);
    }

    /** Numbers {@code json}, the event as the original protocol writes it, keeps it and queues it to its clients. */
    void publish(ActivityEventType type, String userId, String json) {
        int deliveries;
        order.lock();
        try {
            long id = history.lastId() + 1;
            StreamedEvent event = new StreamedEvent(type, userId, Outbound.Text.of(StreamMessages.withId(json, id)));
            history.append(event, event.weight(), System.nanoTime());
            deliveries = clients.broadcast(type, userId, event.frame());
        } finally {
            order.unlock();
        }
        metrics.broadcast(deliveries);
    }

    /**
     * Registers {@code client}: first its {@code connection_established} with the epoch and last id, then, if it
     * asked to resume, what it missed and the {@code recovery} answer, then every live event.
     */
    void join(LiveClient client, ResumeRequest resume) {
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
    void resume(LiveClient client, ResumeRequest resume) {
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
