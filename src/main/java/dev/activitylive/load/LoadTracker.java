package dev.activitylive.load;

import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.LoadChangeData;
import dev.activitylive.event.ReasoningUpdateData;
import dev.activitylive.event.SessionEventData;
import dev.activitylive.event.SessionEventKind;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the cognitive load is made of, kept from the event stream: memory operations counted in a sliding window,
 * and the reasoning sessions still active with their streams. Plain logic with the clock passed in, so that it is
 * tested without waiting; its methods are synchronized because producers record while the timer reads.
 */
final class LoadTracker {

    /** Memory operations per second are counted over the last 5 seconds, in 10 slices of half a second. */
    static final long WINDOW_NANOS = 5_000_000_000L;
    private static final int SLICES = 10;
    private static final long SLICE_NANOS = WINDOW_NANOS / SLICES;
    /** A session with no update for a minute is taken as over: a producer that never says "done" leaks nothing. */
    static final long SESSION_STALE_NANOS = 60_000_000_000L;
    /** At most this many sessions are tracked; a flood of made-up ids pushes the oldest out. */
    static final int MAX_SESSIONS = 10_000;
    /** Stages of a {@code reasoning_update} after which its session is no longer active (any letter case). */
    static final Set<String> FINAL_STAGES =
            Set.of("complete", "completed", "done", "finished", "failed", "error", "cancelled", "canceled", "aborted");

    private final long[] sliceCounts = new long[SLICES];
    private final long[] sliceNumbers = new long[SLICES];
    /** Active sessions by id, least recently updated first. */
    private final Map<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);

    private record Session(int processes, long lastSeenNanos) {
    }

    /** Takes in one event; {@code load_change} events (ours or published ones) do not feed the load. */
    synchronized void record(ActivityEvent event, long nowNanos) {
        switch (event.type()) {
            case MEMORY_OPERATION -> countMemoryOperation(nowNanos);
            case REASONING_UPDATE -> reasoning((ReasoningUpdateData) event.data(), nowNanos);
            case SESSION_EVENT -> session((SessionEventData) event.data(), nowNanos);
            default -> {
                // load_change, system_event, heartbeat, connection_established: nothing to count
            }
        }
    }

    synchronized void countMemoryOperation(long nowNanos) {
        long slice = Math.floorDiv(nowNanos, SLICE_NANOS);
        int at = (int) Math.floorMod(slice, (long) SLICES);
        if (sliceNumbers[at] != slice) {
            sliceNumbers[at] = slice;
            sliceCounts[at] = 0;
        }
        sliceCounts[at]++;
    }

    private void reasoning(ReasoningUpdateData update, long nowNanos) {
        if (FINAL_STAGES.contains(update.stage().toLowerCase(Locale.ROOT))) {
            sessions.remove(update.sessionId());
        } else {
            int streams = update.activeStreams() == null ? 0 : update.activeStreams().size();
            track(update.sessionId(), Math.max(1, streams), nowNanos);
        }
    }

    private void session(SessionEventData event, long nowNanos) {
        if (event.event() == SessionEventKind.DELETED) {
            sessions.remove(event.sessionId());
        } else {
            Session known = sessions.get(event.sessionId());
            track(event.sessionId(), known == null ? 1 : known.processes(), nowNanos);
        }
    }

    private void track(String sessionId, int processes, long nowNanos) {
        sessions.put(sessionId, new Session(processes, nowNanos));
        if (sessions.size() > MAX_SESSIONS) {
            Iterator<String> oldest = sessions.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The load now: memory operations per second over the window (one decimal), sessions and processes active. */
    synchronized LoadChangeData snapshot(long nowNanos) {
        long currentSlice = Math.floorDiv(nowNanos, SLICE_NANOS);
        long operations = 0;
        for (int i = 0; i < SLICES; i++) {
            if (sliceNumbers[i] > currentSlice - SLICES && sliceNumbers[i] <= currentSlice) {
                operations += sliceCounts[i];
            }
        }
        double perSecond = Math.round(operations * 10 * 1e9 / WINDOW_NANOS) / 10.0;
        sessions.values().removeIf(session -> nowNanos - session.lastSeenNanos() > SESSION_STALE_NANOS);
        int processes = sessions.values().stream().mapToInt(Session::processes).sum();
        return LoadFormula.load(perSecond, processes, sessions.size());
    }
}
