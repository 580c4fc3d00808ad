package dev.activitylive.live;

import dev.activitylive.config.SlowClientPolicy;
import dev.activitylive.event.ActivityEventJson;
import dev.activitylive.event.ActivityEventType;
import dev.activitylive.event.ActivityEvents;
import dev.activitylive.live.Outbox.Failure;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connected client: who it is, what it subscribed to, when it was last heard from, and its outbox. Safe for
 * concurrent use: the endpoint's threads, the broadcaster, the heartbeat and the idle reaper all touch it.
 */
final class LiveClient {

    private static final Logger LOG = Logger.getLogger(LiveClient.class.getName());

    private final String id;
    private final Instant connectedAt;
    private final Session session;
    private final Outbox outbox;
    private final String sendPath;
    private volatile long lastActivityNanos = System.nanoTime();
    /** Replaced, never changed in place, so a broadcast reads it without a lock. Empty means every type. */
    private volatile Set<ActivityEventType> subscriptions = Collections.emptySet();

    LiveClient(String id, Session session, Transport transport, Executor writers, int queueMaxBytes,
               SlowClientPolicy slowClientPolicy, BiConsumer<LiveClient, Failure> onFailure) {
        this.id = id;
        this.connectedAt = Instant.now();
        this.session = session;
        this.sendPath = transport.name();
        this.outbox = new Outbox(transport, writers, queueMaxBytes, slowClientPolicy,
                failure -> onFailure.accept(this, failure));
    }

    String id() {
        return id;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    /** How frames reach this client: {@code raw-frames} or {@code portable}. */
    String sendPath() {
        return sendPath;
    }

    /** Whether a broadcast of {@code type} is for this client. */
    boolean wants(ActivityEventType type) {
        Set<ActivityEventType> current = subscriptions;
        return current.isEmpty() || current.contains(type);
    }

    Set<ActivityEventType> subscriptions() {
        return subscriptions;
    }

    /** Applies {@code change} to a copy of the subscriptions and publishes the copy. */
    private synchronized void changeSubscriptions(Consumer<Set<ActivityEventType>> change) {
        Set<ActivityEventType> next = EnumSet.noneOf(ActivityEventType.class);
        next.addAll(subscriptions);
        change.accept(next);
        subscriptions = Collections.unmodifiableSet(next);
    }

    /** Acts on one message from the client; whatever it holds, it counts as activity. */
    void receive(String message) {
        touch();
        ClientCommand command = ClientCommand.parse(message);
        if (command instanceof ClientCommand.Subscribe subscribe) {
            changeSubscriptions(types -> types.addAll(subscribe.types()));
        } else if (command instanceof ClientCommand.Unsubscribe unsubscribe) {
            changeSubscriptions(types -> types.removeAll(unsubscribe.types()));
        } else if (command == ClientCommand.Ping.INSTANCE) {
            send(Outbound.Text.of(ActivityEventJson.write(ActivityEvents.heartbeat("pong"))));
        } else {
            LOG.log(Level.FINEST, "Ignored a message from client {0}", id);
        }
    }

    /** Records that the client sent something: a message of any kind, or a pong. */
    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /** Whether nothing has been heard from the client for longer than {@code timeoutNanos}. */
    boolean idleLongerThan(long timeoutNanos, long nowNanos) {
        return nowNanos - lastActivityNanos > timeoutNanos;
    }

    void send(Outbound item) {
        outbox.offer(item);
    }

    /** Closes the connection with {@code reason}; a connection already gone is no error. */
    void close(CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | RuntimeException alreadyGone) {
            LOG.log(Level.FINE, "Closing client {0} failed: {1}", new Object[] {id, alreadyGone.toString()});
        }
    }
}
