package dev.activitylive.fanout;

import dev.activitylive.config.Authentication;
import dev.activitylive.config.Settings;
import dev.activitylive.container.GuardedConnection;
import dev.activitylive.event.ActivityEventType;
import dev.activitylive.metrics.LiveMetrics;
import dev.activitylive.security.LiveHandshake;
import dev.activitylive.security.LoginEnded;
import dev.activitylive.security.Viewer;
import dev.activitylive.transport.Outbound;
import dev.activitylive.transport.Outbox.Failure;
import dev.activitylive.transport.QueueStats;
import dev.activitylive.transport.EventStreamTransport;
import dev.activitylive.transport.Transports;
import dev.activitylive.transport.Writers;
import dev.activitylive.wire.CloseReasons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The registry of connected clients: admission up to the maximum, lookup, removal and broadcast. */
@ApplicationScoped
public class Clients {

    private static final Logger LOG = Logger.getLogger(Clients.class.getName());

    private final ConcurrentMap<String, LiveClient> byId = new ConcurrentHashMap<>();
    /** Slots taken, reserved before a client is registered so that concurrent opens cannot overshoot the maximum. */
    private final AtomicInteger taken = new AtomicInteger();
    private final QueueStats queueStats = new QueueStats();
    /** Set once the server stops: every connection from then on is closed with it at once. */
    private volatile CloseReason refusing;

    @Inject
    Settings settings;

    @Inject
    Writers writers;

    @Inject
    Transports transports;

    @Inject
    LiveMetrics metrics;

    @Inject
    Presence presence;

    /**
     * Takes a slot for a new WebSocket connection and makes its client, which {@link LiveStream#join} then
     * registers; or, when the maximum is reached, closes it with 1013 and returns {@code null} (likewise with 1008 for
     * a connection without the login that authentication requires, which the handshake check should already have
     * refused).
     */
    public LiveClient admit(Session session, Optional<GuardedConnection> guarded) {
        Optional<Viewer> viewer = settings.authentication() == Authentication.OFF ? Optional.of(Viewer.everyone())
                : LiveHandshake.caller(session);
        if (viewer.isEmpty()) {
            LOG.log(Level.WARNING, "Refused a connection without a login that passed the handshake check");
        }
        Optional<CloseReason> refused = takeSlot(viewer.isPresent());
        if (refused.isPresent()) {
            closeQuietly(session, refused.get());
            return null;
        }
        // Where the connection is not guarded (InboundGuard refuses a message over the limit at its frame headers),
        // Tyrus applies these to a message in several frames: it stops assembling one over the limit (1009 "Too big.").
        session.setMaxTextMessageBufferSize(settings.clientMessageMaxBytes());
        session.setMaxBinaryMessageBufferSize(settings.clientMessageMaxBytes());
        return new LiveClient(ClientIds.next(), reason -> closeQuietly(session, reason), viewer.get(),
                transports.forSession(session, guarded), writers, settings, queueStats, this::failed, guarded);
    }

    /**
     * Takes a slot for an event-stream client, then has {@code opening} take over its response and makes the client,
     * for {@link LiveStream#join}; or answers why not (the server stops, or the maximum is reached), the response
     * untouched.
     */
    public Admission admitEventStream(Viewer viewer, Opening opening) throws IOException {
        Optional<CloseReason> refused = takeSlot(true);
        if (refused.isPresent()) {
            return new Admission.Refused(refused.get());
        }
        EventStreamTransport transport;
        try {
            transport = opening.open();
        } catch (IOException | RuntimeException failed) {
            taken.decrementAndGet();
            throw failed;
        }
        return new Admission.Admitted(new LiveClient(ClientIds.next(), transport::end, viewer, transport, writers,
                settings, queueStats, this::failed, Optional.empty()));
    }

    /** Takes over an admitted event stream's response. */
    @FunctionalInterface
    public interface Opening {
        EventStreamTransport open() throws IOException;
    }

    /** What became of a client that asked to be admitted. */
    public sealed interface Admission {
        /** Admitted: to be joined to the stream. */
        record Admitted(LiveClient client) implements Admission {
        }

        /** Refused, with the close reason a WebSocket would get. */
        record Refused(CloseReason reason) implements Admission {
        }
    }

    /** Takes a slot, or counts the refusal (before the client hears of it) and answers its close reason. */
    private Optional<CloseReason> takeSlot(boolean authenticated) {
        CloseReason stopping = refusing;
        if (stopping != null) {
            return Optional.of(stopping);
        }
        if (!authenticated) {
            metrics.refused("unauthenticated");
            return Optional.of(CloseReasons.NOT_AUTHENTICATED);
        }
        if (taken.incrementAndGet() > settings.maxClients()) {
            taken.decrementAndGet();
            LOG.log(Level.FINE, "Refused a connection: {0} clients connected", settings.maxClients());
            metrics.refused("max_clients");
            return Optional.of(CloseReasons.MAX_CLIENTS);
        }
        return Optional.empty();
    }

    /** Makes an admitted client one that broadcasts reach; called by the stream, in order with them. */
    void register(LiveClient client) {
        byId.put(client.id(), client);
        LOG.log(Level.FINE, "Client {0} connected", client.id());
        presence.connected(client);
        if (client.followsPresence()) {
            client.send(presence.watching());
        }
    }

    /** Closes {@code session} with {@code reason}; one already gone is no error. */
    private static void closeQuietly(Session session, CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | RuntimeException alreadyGone) {
            LOG.log(Level.FINE, "Closing a connection failed: {0}", alreadyGone.toString());
        }
    }

    /** Forgets a client whose connection has closed; calling it twice is harmless. */
    public void remove(LiveClient client) {
        if (byId.remove(client.id(), client)) {
            taken.decrementAndGet();
            LOG.log(Level.FINE, "Client {0} disconnected", client.id());
            presence.disconnected(client);
        }
    }

    /** Forgets a client and closes its connection with {@code reason}, where its transport closes connections. */
    public void drop(LiveClient client, CloseReason reason) {
        remove(client);
        client.closeLater(reason);
    }

    private void failed(LiveClient client, Failure failure) {
        LOG.log(Level.FINE, "Client {0} dropped: {1}", new Object[] {client.id(), failure});
        if (failure == Failure.OVERFLOW) {
            metrics.slowClientClosed();
        }
        drop(client, failure == Failure.OVERFLOW ? CloseReasons.TOO_SLOW : CloseReasons.SEND_FAILED);
    }

    /** Queues {@code event} for every client that wants it ({@link LiveClient#wants}); answers how many that were. */
    int broadcast(StreamedEvent event) {
        int deliveries = 0;
        for (LiveClient client : byId.values()) {
            if (client.wants(event)) {
                client.deliver(event);
                deliveries++;
            }
        }
        return deliveries;
    }

    /** Sends who is watching now to the clients that follow it, if that changed since it was last sent. */
    public void tellPresence() {
        presence.changedSinceLastTold().ifPresent(watching -> byId.values().stream()
                .filter(LiveClient::followsPresence).forEach(client -> client.send(watching)));
    }

    /**
     * Closes, with 1008 and on the calling thread, the clients that connected with the login that has {@code ended}:
     * a logout answers only once they are closed.
     */
    void loginEnded(@Observes LoginEnded ended) {
        for (LiveClient client : byId.values()) {
            if (client.loginEnded(ended)) {
                remove(client);
                client.close(CloseReasons.LOGIN_ENDED);
            }
        }
    }

    /** Closes every connection with {@code reason} on the calling thread and forgets them all. */
    public void closeAll(CloseReason reason) {
        for (LiveClient client : byId.values()) {
            remove(client);
            client.close(reason);
        }
    }

    /** Closes every connection with {@code reason}, and from now on every new one at once: the server stops. */
    public void closeAllFromNowOn(CloseReason reason) {
        refusing = reason;
        closeAll(reason);
    }

    /** A live view of the connected clients. */
    Collection<LiveClient> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    /** What an operator may see of each connected client: the original's {@code getClientInfo()}. */
    public List<ClientInfo> info() {
        return byId.values().stream()
                .map(client -> new ClientInfo(client.id(), client.connectedAt(),
                        client.subscriptions().stream().map(ActivityEventType::wireName).sorted().toList(),
                        client.sendPath(), client.filter().isEmpty() ? null : client.filter().describe()))
                .sorted(Comparator.comparing(ClientInfo::connectedAt).thenComparing(ClientInfo::clientId))
                .toList();
    }

    public int count() {
        return byId.size();
    }

    /** What the clients' queues add up to since the deployment started. */
    public QueueStats queueStats() {
        return queueStats;
    }
}
