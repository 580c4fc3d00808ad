package dev.activitylive.fanout;

import dev.activitylive.event.ActivityEventType;
import dev.activitylive.event.ClientConnected;
import dev.activitylive.event.ClientDisconnected;
import dev.activitylive.event.ProtocolJson;
import dev.activitylive.transport.EventStreamTransport;
import dev.activitylive.transport.Outbound;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Who is watching. Tells the application: {@link ClientConnected} and {@link ClientDisconnected} as CDI events, to
 * synchronous and asynchronous observers, fired on one thread of its own in the order clients came and went. Neither
 * the client's thread nor the stream's lock ever waits for an observer: a notification is queued (at most
 * {@value #MAX_PENDING}; past that they are dropped and logged), and what an observer throws is logged. And tells
 * the clients that follow it ({@code presence=true}): the {@code presence} message, the clients per user, made when
 * asked and, on the presence timer, when it changed.
 */
@ApplicationScoped
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class.getName());
    static final int MAX_PENDING = 10_000;

    @Inject
    Event<ClientConnected> connected;

    @Inject
    Event<ClientDisconnected> disconnected;

    /** How often the clients that follow presence are told of a change: changes within it come as one message. */
    public static final Duration TELL_EVERY = Duration.ofMillis(500);

    /** At most this many users are named in a {@code presence} message, those with the most clients first. */
    static final int MAX_USERS_NAMED = 1_000;

    /** Connected clients per user; {@code ""} for clients without a login. */
    private final ConcurrentHashMap<String, Integer> clientsByUser = new ConcurrentHashMap<>();
    private final AtomicBoolean changed = new AtomicBoolean();

    /** One thread, so that a client's leaving is never told before its coming; null until started. */
    private volatile ThreadPoolExecutor notifier;

    /** Starts the notifying thread on {@code threadFactory} (the container's managed threads); before any client. */
    public void start(ThreadFactory threadFactory) {
        notifier = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_PENDING),
                threadFactory);
    }

    /**
     * Stops telling, before the application closes its clients as it stops: the application is going away, and its
     * observers with it. Notifications still queued are dropped.
     */
    @PreDestroy
    public void stop() {
        ThreadPoolExecutor running = notifier;
        notifier = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    void connected(LiveClient client) {
        clientsByUser.merge(userKey(client), 1, Integer::sum);
        changed.set(true);
        ClientConnected event = new ClientConnected(client.id(), client.user(), transportOf(client),
                wireNames(client.subscriptions()));
        notify(() -> fire(connected, event));
    }

    void disconnected(LiveClient client) {
        clientsByUser.computeIfPresent(userKey(client), (user, count) -> count == 1 ? null : count - 1);
        changed.set(true);
        ClientDisconnected event = new ClientDisconnected(client.id(), client.user(), transportOf(client),
                wireNames(client.subscriptions()));
        notify(() -> fire(disconnected, event));
    }

    private void notify(Runnable notification) {
        ThreadPoolExecutor running = notifier;
        if (running == null) {
            return;
        }
        try {
            running.execute(notification);
        } catch (RejectedExecutionException full) {
            if (!running.isShutdown()) {
                LOG.log(Level.WARNING, "A presence notification was dropped: {0} are waiting for slow observers",
                        MAX_PENDING);
            }
        }
    }

    private static <T> void fire(Event<T> event, T payload) {
        try {
            event.fire(payload);
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "An observer of " + payload + " failed", failed);
        }
        try {
            event.fireAsync(payload).exceptionally(failed -> {
                LOG.log(Level.WARNING, "An asynchronous observer of " + payload + " failed", failed);
                return payload;
            });
        } catch (RuntimeException refused) {
            LOG.log(Level.WARNING, "Asynchronous observers of " + payload + " could not be told", refused);
        }
    }

    /** The {@code presence} message as things are now. */
    Outbound.Text watching() {
        int anonymous = 0;
        int total = 0;
        List<UserClients> users = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : clientsByUser.entrySet()) {
            int count = entry.getValue();
            total += count;
            if (entry.getKey().isEmpty()) {
                anonymous = count;
            } else {
                users.add(new UserClients(entry.getKey(), count));
            }
        }
        users.sort(Comparator.comparingInt(UserClients::clients).reversed().thenComparing(UserClients::user));
        int named = Math.min(users.size(), MAX_USERS_NAMED);
        return Outbound.Text.of(ProtocolJson.write(new PresenceMessage("presence", Instant.now(),
                new Watching(total, List.copyOf(users.subList(0, named)), anonymous, users.size() - named))));
    }

    /** The {@code presence} message if a client came or went since it was last asked for this way. */
    Optional<Outbound.Text> changedSinceLastTold() {
        return changed.getAndSet(false) ? Optional.of(watching()) : Optional.empty();
    }

    @JsonbPropertyOrder({"type", "timestamp", "data"})
    public record PresenceMessage(String type, Instant timestamp, Watching data) {
    }

    /** {@code clients} in all; per named user; those without a login; users left out past {@value #MAX_USERS_NAMED}. */
    @JsonbPropertyOrder({"clients", "users", "anonymous", "moreUsers"})
    public record Watching(int clients, List<UserClients> users, int anonymous, int moreUsers) {
    }

    @JsonbPropertyOrder({"user", "clients"})
    public record UserClients(String user, int clients) {
    }

    private static String userKey(LiveClient client) {
        return client.user() == null ? "" : client.user();
    }

    private static String transportOf(LiveClient client) {
        return client.sendPath().equals(EventStreamTransport.NAME) ? "event-stream" : "websocket";
    }

    private static Set<String> wireNames(Set<ActivityEventType> types) {
        return types.stream().map(ActivityEventType::wireName).collect(Collectors.toUnmodifiableSet());
    }
}
