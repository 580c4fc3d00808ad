package dev.activitylive.fanout;

import dev.activitylive.event.ActivityEventType;
import dev.activitylive.event.ClientConnected;
import dev.activitylive.event.ClientDisconnected;
import dev.activitylive.transport.EventStreamTransport;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Tells the application who watches: {@link ClientConnected} and {@link ClientDisconnected} as CDI events, to
 * synchronous and asynchronous observers, fired on one thread of its own in the order clients came and went. Neither
 * the client's thread nor the stream's lock ever waits for an observer: a notification is queued (at most
 * {@value #MAX_PENDING}; past that they are dropped and logged), and what an observer throws is logged.
 */
@ApplicationScoped
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class.getName());
    static final int MAX_PENDING = 10_000;

    @Inject
    Event<ClientConnected> connected;

    @Inject
    Event<ClientDisconnected> disconnected;

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
        ClientConnected event = new ClientConnected(client.id(), client.user(), transportOf(client),
                wireNames(client.subscriptions()));
        notify(() -> fire(connected, event));
    }

    void disconnected(LiveClient client) {
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

    private static String transportOf(LiveClient client) {
        return client.sendPath().equals(EventStreamTransport.NAME) ? "event-stream" : "websocket";
    }

    private static Set<String> wireNames(Set<ActivityEventType> types) {
        return types.stream().map(ActivityEventType::wireName).collect(Collectors.toUnmodifiableSet());
    }
}
