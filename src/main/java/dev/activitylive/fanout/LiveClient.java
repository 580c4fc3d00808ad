package dev.activitylive.fanout;

import dev.activitylive.config.Conflation;
import dev.activitylive.config.Settings;
import dev.activitylive.container.GuardedConnection;
import dev.activitylive.event.ActivityEventJson;
import dev.activitylive.event.ActivityEventType;
import dev.activitylive.event.ActivityEvents;
import dev.activitylive.security.LoginEnded;
import dev.activitylive.security.LoginSession;
import dev.activitylive.security.Viewer;
import dev.activitylive.transport.Outbound;
import dev.activitylive.transport.Outbox;
import dev.activitylive.transport.Outbox.Failure;
import dev.activitylive.transport.QueueStats;
import dev.activitylive.transport.Transport;
import dev.activitylive.transport.Writers;
import dev.activitylive.wire.CloseReasons;
import dev.activitylive.wire.InboundGuard;
import dev.activitylive.wire.MessageRate;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connected client: who it is, what it may see and subscribed to, when it was last heard from, how fast it is
 * sending, and its outbox. Safe for concurrent use: the endpoint's threads, the broadcaster, the heartbeat and the
 * idle reaper all touch it.
 */
public final class LiveClient {

    private static final Logger LOG = Logger.getLogger(LiveClient.class.getName());

    private final String id;
    private final Instant connectedAt;
    private final Connection connection;
    private final Outbox outbox;
    /** Where this client is closed when it is let go (its transport's choice). */
    private final Executor closes;
    private final String sendPath;
    private final Viewer viewer;
    private final int messageMaxBytes;
    /** Null where the connection is read through an {@link InboundGuard}, which enforces the limits on the wire. */
    private final MessageRate messageRate;
    private final Optional<GuardedConnection> guarded;
    /** False for a client that cannot talk back (an event stream): it is never idle, only failed. */
    private final boolean answersPings;
    private volatile long lastActivityNanos = System.nanoTime();
    /** Replaced, never changed in place, so a broadcast reads it without a lock. Empty means every type. */
    private volatile Set<ActivityEventType> subscriptions = Collections.emptySet();
    /** What its subscription narrows by in the events' data; {@link DataFilter#NONE}: nothing. */
    private volatile DataFilter filter = DataFilter.NONE;
    /** Whether this client is told who is watching ({@code presence=true}, a viewer who sees everyone). */
    private volatile boolean followsPresence;

    LiveClient(String id, Connection connection, Viewer viewer, Transport transport, Writers writers,
               Settings settings, QueueStats highWater, BiConsumer<LiveClient, Failure> onFailure,
               Optional<GuardedConnection> guarded) {
        this.id = id;
        this.connectedAt = Instant.now();
        this.connection = connection;
        this.viewer = viewer;
        this.sendPath = transport.name();
        this.answersPings = transport.answersPings();
        this.messageMaxBytes = settings.clientMessageMaxBytes();
        this.guarded = guarded;
        this.messageRate = guarded.isPresent() ? null
                : new MessageRate(settings.clientMessagesPerSecond(), System.nanoTime());
        this.closes = transport.closesOn(writers);
        this.outbox = new Outbox(transport, transport.drainsOn(writers), settings.clientQueueMaxBytes(),
                conflateAbove(settings), settings.slowClientPolicy(), failure -> onFailure.accept(this, failure),
                highWater);
        // The guard takes the client's pings out of the stream: answered here, in order with everything else queued.
        guarded.ifPresent(open -> open.guard().onPing(payload -> send(Outbound.Pong.answering(payload))));
    }

    public String id() {
        return id;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    /** How frames reach this client: {@code raw-frames}, {@code portable} or {@code event-stream}. */
    String sendPath() {
        return sendPath;
    }

    /** Asks for who is watching; granted to a viewer who sees everyone (an admin, or anyone without logins). */
    void followPresence(boolean asked) {
        followsPresence = asked && viewer.seesEveryone();
    }

    boolean followsPresence() {
        return followsPresence;
    }

    /** The login this client connected with; null without authentication. */
    String user() {
        return viewer.name();
    }

    /** Whether {@code event} is for this client: of its types, in its user scope, passing its data filter. */
    boolean wants(StreamedEvent event) {
        Set<ActivityEventType> current = subscriptions;
        DataFilter narrowing = filter;
        return (current.isEmpty() || current.contains(event.type())) && viewer.maySee(event.userId())
                && (narrowing.isEmpty() || narrowing.passes(event.fields()));
    }

    /** Narrows what it receives by the events' data from now on, in place of the filter it had. */
    void filterBy(DataFilter filter) {
        this.filter = filter;
    }

    DataFilter filter() {
        return filter;
    }

    /** Whether {@code ended} is the login this client connected with. */
    boolean loginEnded(LoginEnded ended) {
        return viewer.login().map(LoginSession::id).filter(ended.sessionId()::equals).isPresent();
    }

    /** Whether the login this client connected with was logged out or has timed out. */
    boolean loginEnded() {
        return viewer.loginEnded();
    }

    Set<ActivityEventType> subscriptions() {
        return subscriptions;
    }

    /** Adds {@code types} to the subscriptions, as a {@code subscribe} message does. */
    void subscribe(Set<ActivityEventType> types) {
        changeSubscriptions(current -> current.addAll(types));
    }

    /** Applies {@code change} to a copy of the subscriptions and publishes the copy. */
    private synchronized void changeSubscriptions(Consumer<Set<ActivityEventType>> change) {
        Set<ActivityEventType> next = EnumSet.noneOf(ActivityEventType.class);
        next.addAll(subscriptions);
        change.accept(next);
        subscriptions = Collections.unmodifiableSet(next);
    }

    /**
     * Acts on one text message from the client; whatever it holds, it counts as activity. Answers what else must
     * happen: a close, if the message is over the size limit or comes over the rate limit (then it is not read), or
     * a resume, which needs the stream.
     */
    public Reaction receive(String message) {
        if (messageRate != null && (message.length() > messageMaxBytes || utf8Length(message) > messageMaxBytes)) {
            return new Reaction.Close(CloseReasons.MESSAGE_TOO_BIG);
        }
        return admitted() ? act(message) : new Reaction.Close(CloseReasons.TOO_MANY_MESSAGES);
    }

    /** Like {@link #receive(String)} for a binary message, read as UTF-8 as the original does; sized undecoded. */
    public Reaction receive(ByteBuffer message) {
        if (messageRate != null && message.remaining() > messageMaxBytes) {
            return new Reaction.Close(CloseReasons.MESSAGE_TOO_BIG);
        }
        return admitted() ? act(StandardCharsets.UTF_8.decode(message).toString())
                : new Reaction.Close(CloseReasons.TOO_MANY_MESSAGES);
    }

    private boolean admitted() {
        touch();
        return messageRate == null || messageRate.admit(System.nanoTime());
    }

    private Reaction act(String message) {
        ClientCommand command = ClientCommand.parse(message);
        if (command instanceof ClientCommand.Resume resume) {
            return new Reaction.Resume(resume.request());
        } else if (command instanceof ClientCommand.Subscribe subscribe) {
            changeSubscriptions(types -> types.addAll(subscribe.types()));
            subscribe.filter().ifPresent(this::filterBy);
        } else if (command instanceof ClientCommand.Unsubscribe unsubscribe) {
            changeSubscriptions(types -> types.removeAll(unsubscribe.types()));
        } else if (command == ClientCommand.Ping.INSTANCE) {
            send(Outbound.Text.of(ActivityEventJson.write(ActivityEvents.heartbeat("pong"))));
        } else {
            LOG.log(Level.FINEST, "Ignored a message from client {0}", id);
        }
        return Reaction.NONE;
    }

    // The UTF-8 length without encoding: a char is 1, 2 or 3 bytes, a surrogate pair 4 (2 per half).
    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** Records that the client sent something: a message of any kind, or a pong. */
    public void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /** Whether nothing has been heard from the client for longer than {@code timeoutNanos}. */
    boolean idleLongerThan(long timeoutNanos, long nowNanos) {
        return answersPings && nowNanos - lastActivityNanos > timeoutNanos;
    }

    /**
     * Where a client counts as behind: more queued than one write carries (a quarter of a smaller queue), so a client
     * that keeps up gets every frame.
     */
    private static long conflateAbove(Settings settings) {
        return settings.conflation() == Conflation.OFF ? Outbox.NEVER
                : Math.min(Outbox.MAX_WRITE_BYTES, settings.clientQueueMaxBytes() / 4);
    }

    /** Queues a live event of the stream, conflated by its delivery class if this client is behind. */
    void deliver(StreamedEvent event) {
        String key = event.conflationKey();
        if (key == null) {
            outbox.offer(event.frame());
        } else {
            outbox.offerLatest(event.frame(), key);
        }
    }

    void send(Outbound item) {
        outbox.offer(item);
    }

    /**
     * Lets go of the frames still queued, once the connection is closed. The container may hold a closed
     * connection's endpoint, and so this client, for a while (or, rarely, for good): it then pins no frames.
     */
    public void discardQueue() {
        outbox.discard();
        guarded.ifPresent(GuardedConnection::drop);
    }

    /**
     * Closes the connection with {@code reason} and lets go of what is still queued: after the close frame nothing
     * more is written. A connection already gone is no error.
     */
    void close(CloseReason reason) {
        outbox.close(() -> connection.close(reason));
        guarded.ifPresent(GuardedConnection::drop);
    }

    /**
     * {@link #close}s where the transport says: closing may touch the socket, and waits for a write in progress,
     * which must not hold a thread that other clients' drains need.
     */
    void closeLater(CloseReason reason) {
        try {
            closes.execute(() -> close(reason));
        } catch (RejectedExecutionException shuttingDown) {
            close(reason);
        }
    }
}
