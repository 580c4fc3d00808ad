package dev.activitylive.fanout;

import dev.activitylive.config.Settings;
import dev.activitylive.metrics.LiveMetrics;
import dev.activitylive.stream.Broker;
import dev.activitylive.stream.Epochs;
import dev.activitylive.stream.History;
import dev.activitylive.stream.Lookup;
import dev.activitylive.stream.StreamEntry;
import dev.activitylive.stream.StreamSink;
import dev.activitylive.transport.Outbound;
import dev.activitylive.wire.CloseReasons;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the clients of this instance read of the stream: takes each entry the {@link Broker} delivers, with its id,
 * keeps it in the {@link History} and queues it for the clients that want it; registers new clients and replays what
 * a resuming client missed. All of that happens under one lock, so every client sees ids in increasing order, and a
 * client that joins or resumes gets every event after its {@code since} exactly once, however many producers publish
 * meanwhile: an event is either in the history before the client is registered (or resumes) and is replayed, or is
 * queued to it live after. Under the lock the work is queueing, and the small JSON splices that put the id or
 * position in (a resume's answer, once per resume, is written under it). Nobody waits on a socket there.
 */
@ApplicationScoped
public class LiveStream implements StreamSink {

    private static final Logger LOG = Logger.getLogger(LiveStream.class.getName());

    private final ReentrantLock order = new ReentrantLock();
    /** Changes whenever continuity is lost: every deployment starts a new stream, unless it joins a cluster's. */
    private volatile String epoch = Epochs.next();
    private History<StreamedEvent> history;
    private CurrentState state;

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
        state = new CurrentState(settings.snapshotSessionQuiet().toNanos());
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

    /** Keeps event {@code id}, which must be the one after the last, and queues it to the clients that want it. */
    @Override
    public void deliver(long id, StreamEntry entry) {
        CurrentState.StateFacts facts = CurrentState.StateFacts.of(entry);
        int deliveries;
        order.lock();
        try {
            long next = history.lastId() + 1;
            if (id != next) {
                throw new IllegalStateException("event " + id + " delivered after " + history.lastId());
            }
            StreamedEvent event = new StreamedEvent(entry.type(), entry.userId(),
                    Outbound.Text.at(StreamMessages.withId(entry.json(), id), epoch, id),
                    DeliveryClass.conflationKey(entry.type(), facts.sessionId()));
            long now = System.nanoTime();
            history.append(event, event.weight(), now);
            state.add(id, event, facts, now);
            deliveries = clients.broadcast(event);
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
    @Override
    public void restart(String epoch, long lastId, String why) {
        boolean hadClients;
        order.lock();
        try {
            hadClients = clients.count() > 0;
            history.restartAfter(lastId);
            state.clear();
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
     * asked to resume, what it missed and the {@code recovery} answer; if it asked for the state and was not resumed,
     * the events that make it and the {@code snapshot} marker; then every live event.
     */
    public void join(LiveClient client, ConnectOptions options) {
        String established = StreamMessages.connectionEstablished(client.id());
        client.subscribe(options.types());
        client.filterBy(options.filter());
        order.lock();
        try {
            client.send(positioned(StreamMessages.withPosition(established, epoch, history.lastId())));
            boolean resumed = options.resume() != null && replay(client, options.resume());
            if (options.snapshot() && !resumed) {
                sendState(client);
            }
            client.followPresence(options.presence());
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

    /** Queues what {@code client} missed and the {@code recovery} answer; false if nothing could be replayed. */
    private boolean replay(LiveClient client, ResumeRequest resume) {
        long lastId = history.lastId();
        if (!resume.valid()) {
            client.send(positioned(StreamMessages.notRecovered(epoch, lastId, ResumeRequest.INVALID_REASON)));
            return false;
        }
        if (!resume.epoch().equals(epoch)) {
            client.send(positioned(StreamMessages.notRecovered(epoch, lastId, "epoch " + resume.epoch()
                    + " has ended: the server restarted or its history was reset")));
            return false;
        }
        Lookup<StreamedEvent> missed = history.after(resume.since(), System.nanoTime());
        if (missed instanceof Lookup.Unknown<StreamedEvent> unknown) {
            client.send(positioned(StreamMessages.notRecovered(epoch, lastId, unknown.reason())));
            return false;
        }
        List<StreamedEvent> wanted = ((Lookup.Found<StreamedEvent>) missed).items().stream()
                .filter(client::wants).toList();
        long bytes = wanted.stream().mapToLong(event -> event.frame().size()).sum();
        if (bytes > settings.clientQueueMaxBytes()) {
            // Queued at once it would overflow the client's queue, which closes it or drops the oldest: reload instead.
            client.send(positioned(StreamMessages.notRecovered(epoch, lastId, wanted.size() + " missed events ("
                    + bytes + " bytes) are more than one client's queue holds")));
            return false;
        }
        wanted.forEach(event -> client.send(event.frame()));
        client.send(positioned(StreamMessages.recovered(epoch, resume.since(), lastId, wanted.size())));
        metrics.replayed(wanted.size());
        return true;
    }

    /**
     * Queues the events of the current state {@code client} may see, as they were first sent, oldest first, then the
     * {@code snapshot} marker. At most half the client's queue: the oldest of a larger state are left out (counted).
     */
    private void sendState(LiveClient client) {
        List<CurrentState.Kept> wanted = state.events(System.nanoTime()).stream()
                .filter(kept -> client.wants(kept.event())).toList();
        long budget = settings.clientQueueMaxBytes() / 2;
        int first = wanted.size();
        while (first > 0 && budget >= wanted.get(first - 1).event().frame().size()) {
            first--;
            budget -= wanted.get(first).event().frame().size();
        }
        List<CurrentState.Kept> sent = wanted.subList(first, wanted.size());
        sent.forEach(kept -> client.send(kept.event().frame()));
        client.send(positioned(StreamMessages.snapshot(epoch, history.lastId(), sent.size(), first)));
    }

    /** A message telling where the stream is now: an event-stream client resumes from there. Under the lock. */
    private Outbound.Text positioned(String json) {
        return Outbound.Text.at(json, epoch, history.lastId());
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
