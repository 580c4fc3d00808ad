package dev.activitylive.fanout;

import dev.activitylive.event.ActivityData;
import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEventType;
import dev.activitylive.event.ReasoningUpdateData;
import dev.activitylive.event.SessionEventData;
import dev.activitylive.event.SessionEventKind;
import dev.activitylive.stream.StreamEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The events that make a dashboard's current state, kept as the stream is read, for a client that connects with
 * {@code snapshot=true}: the latest {@code load_change}, the latest {@code reasoning_update} of every reasoning
 * session in progress, and the latest {@value #RECENT} {@code session_event}s and {@value #RECENT}
 * {@code system_event}s. A session ends at progress 100, at a {@code session_event} {@code deleted} of its id, or
 * when no update of it came for the quiet time. Bounded: at most {@value #MAX_SESSIONS} sessions and
 * {@value #MAX_BYTES} bytes of frames (the sessions updated longest ago go first, then the oldest session and system
 * events). Not thread-safe: {@link LiveStream} calls it under its lock, in the stream's order.
 */
final class CurrentState {

    static final int RECENT = 50;
    static final int MAX_SESSIONS = 1_000;
    static final long MAX_BYTES = 4L * 1024 * 1024;

    /** An event of the state: its id in the stream, and when it was read (for the quiet time). */
    record Kept(long id, StreamedEvent event, long readAtNanos) {
    }

    private final long quietNanos;
    private Kept load;
    /** Reasoning sessions in progress by id, the one updated longest ago first. */
    private final LinkedHashMap<String, Kept> sessions = new LinkedHashMap<>();
    private final ArrayDeque<Kept> sessionEvents = new ArrayDeque<>();
    private final ArrayDeque<Kept> systemEvents = new ArrayDeque<>();
    private long bytes;

    CurrentState(long quietNanos) {
        this.quietNanos = quietNanos;
    }

    /** Takes event {@code id} into the state, as {@code facts} say it bears on it. */
    void add(long id, StreamedEvent event, StateFacts facts, long nowNanos) {
        Kept kept = new Kept(id, event, nowNanos);
        switch (event.type()) {
            case LOAD_CHANGE -> {
                forget(load);
                load = kept;
                bytes += weight(kept);
            }
            case REASONING_UPDATE -> {
                if (facts.sessionId() == null) {
                    return;
                }
                forget(sessions.remove(facts.sessionId()));
                if (!facts.ends()) {
                    sessions.put(facts.sessionId(), kept);
                    bytes += weight(kept);
                }
            }
            case SESSION_EVENT -> {
                if (facts.ends() && facts.sessionId() != null) {
                    forget(sessions.remove(facts.sessionId()));
                }
                keepRecent(sessionEvents, kept);
            }
            case SYSTEM_EVENT -> keepRecent(systemEvents, kept);
            default -> {
                // memory operations are a feed, not a state
            }
        }
        while (sessions.size() > MAX_SESSIONS) {
            forget(removeFirst(sessions.values().iterator()));
        }
        while (bytes > MAX_BYTES && !sessions.isEmpty()) {
            forget(removeFirst(sessions.values().iterator()));
        }
        while (bytes > MAX_BYTES && (!sessionEvents.isEmpty() || !systemEvents.isEmpty())) {
            ArrayDeque<Kept> older = systemEvents.isEmpty() || (!sessionEvents.isEmpty()
                    && sessionEvents.peekFirst().id() < systemEvents.peekFirst().id()) ? sessionEvents : systemEvents;
            forget(older.pollFirst());
        }
    }

    /** The state now, oldest first: every kept event, the sessions gone quiet let go. */
    List<Kept> events(long nowNanos) {
        Iterator<Kept> oldest = sessions.values().iterator();
        while (oldest.hasNext()) {
            Kept session = oldest.next();
            if (nowNanos - session.readAtNanos() <= quietNanos) {
                break;
            }
            oldest.remove();
            forget(session);
        }
        List<Kept> all = new ArrayList<>(1 + sessions.size() + sessionEvents.size() + systemEvents.size());
        if (load != null) {
            all.add(load);
        }
        all.addAll(sessions.values());
        all.addAll(sessionEvents);
        all.addAll(systemEvents);
        all.sort(Comparator.comparingLong(Kept::id));
        return all;
    }

    /** Lets go of everything: continuity was lost, and the state is built again from what comes next. */
    void clear() {
        load = null;
        sessions.clear();
        sessionEvents.clear();
        systemEvents.clear();
        bytes = 0;
    }

    private void keepRecent(ArrayDeque<Kept> recent, Kept kept) {
        recent.addLast(kept);
        bytes += weight(kept);
        if (recent.size() > RECENT) {
            forget(recent.pollFirst());
        }
    }

    private void forget(Kept kept) {
        if (kept != null) {
            bytes -= weight(kept);
        }
        if (kept == load) {
            load = null;
        }
    }

    private static Kept removeFirst(Iterator<Kept> iterator) {
        Kept first = iterator.next();
        iterator.remove();
        return first;
    }

    private static long weight(Kept kept) {
        return kept.event().weight();
    }

    /**
     * What an event tells the state beyond its type: the reasoning session it is of ({@code sessionId}; null if none)
     * and whether it ends that session (progress 100, or a session deleted). Read before the stream's lock is taken.
     */
    record StateFacts(String sessionId, boolean ends) {

        static final StateFacts NONE = new StateFacts(null, false);

        /** Only a reasoning update's or session event's data is read (another instance's is parsed for it). */
        static StateFacts of(StreamEntry entry) {
            if (entry.type() != ActivityEventType.REASONING_UPDATE && entry.type() != ActivityEventType.SESSION_EVENT) {
                return NONE;
            }
            ActivityData data = entry.read().map(ActivityEvent::data).orElse(null);
            if (data instanceof ReasoningUpdateData update) {
                return new StateFacts(update.sessionId(), update.progress() >= 100);
            }
            if (data instanceof SessionEventData session) {
                return new StateFacts(session.sessionId(), session.event() == SessionEventKind.DELETED);
            }
            return NONE;
        }
    }
}
