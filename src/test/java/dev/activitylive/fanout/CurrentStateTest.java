package dev.activitylive.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEventType;
import dev.activitylive.event.ActivityEvents;
import dev.activitylive.event.LoadChangeData;
import dev.activitylive.event.MemoryOperation;
import dev.activitylive.event.MemoryOperationData;
import dev.activitylive.event.ReasoningUpdateData;
import dev.activitylive.event.SessionEventData;
import dev.activitylive.event.SessionEventKind;
import dev.activitylive.event.SystemEventData;
import dev.activitylive.event.SystemEventKind;
import dev.activitylive.event.VisualIntensity;
import dev.activitylive.stream.StreamEntry;
import dev.activitylive.transport.Outbound;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurrentStateTest {

    private static final long QUIET = Duration.ofMinutes(10).toNanos();

    private final CurrentState state = new CurrentState(QUIET);
    private long lastId;

    @Test
    void keepsTheLatestLoadAndTheLatestUpdateOfEverySessionInProgressOldestFirst() {
        add(reasoning("s-1", 10), 0);
        add(load(0.2), 0);
        add(reasoning("s-2", 50), 0);
        add(reasoning("s-1", 40), 0);
        add(load(0.7), 0);
        assertEquals(List.of(3L, 4L, 5L), ids(0));
    }

    @Test
    void aSessionEndsAtProgress100OrWhenDeletedOrAfterItsQuietTime() {
        add(reasoning("done", 20), 0);
        add(reasoning("deleted", 20), 0);
        add(reasoning("quiet", 20), 0);
        add(reasoning("going", 20), 0);
        add(reasoning("done", 100), 1);
        add(session("deleted", SessionEventKind.DELETED), 1);
        add(reasoning("going", 30), QUIET);
        // the session event stays: it is one of the recent session events
        assertEquals(List.of(6L, 7L), ids(QUIET + 1));
    }

    @Test
    void keepsTheLatestSessionAndSystemEventsOnly() {
        for (int i = 0; i < CurrentState.RECENT + 5; i++) {
            add(session("s-" + i, SessionEventKind.CREATED), 0);
            add(system(), 0);
        }
        List<Long> ids = ids(0);
        assertEquals(2 * CurrentState.RECENT, ids.size());
        assertEquals(11L, ids.get(0), "the 5 oldest of each kind went");
        assertEquals(2L * (CurrentState.RECENT + 5), ids.get(ids.size() - 1));
    }

    @Test
    void keepsAtMostItsNumberOfSessionsTheOnesUpdatedLongestAgoGoFirst() {
        for (int i = 0; i <= CurrentState.MAX_SESSIONS; i++) {
            add(reasoning("s-" + i, 1), 0);
        }
        add(reasoning("s-1", 2), 0);
        List<Long> ids = ids(0);
        assertEquals(CurrentState.MAX_SESSIONS, ids.size());
        assertEquals(3L, ids.get(0), "s-0 went first, then s-1 was updated");
        assertEquals(lastId, ids.get(ids.size() - 1));
    }

    @Test
    void keepsAtMostItsBytesByLettingGoOfTheSessionsUpdatedLongestAgo() {
        String big = "x".repeat(64 * 1024);
        for (int i = 0; i < 100; i++) {
            add(new ActivityEvent(ActivityEventType.REASONING_UPDATE, Instant.EPOCH,
                    new ReasoningUpdateData("s-" + i, big, 1)), 0);
        }
        List<Long> ids = ids(0);
        assertEquals(lastId, ids.get(ids.size() - 1));
        // Each weighs a little over 128 KiB (its frame and its JSON): 4 MiB holds 31 of them.
        assertEquals(31, ids.size());
        assertEquals(lastId - 30, ids.get(0), "the sessions updated last are kept");
    }

    @Test
    void memoryOperationsAreNoPartOfItAndAClearForgetsEverything() {
        add(ActivityEvents.memoryOperation(new MemoryOperationData(MemoryOperation.values()[0], "u-1", true)), 0);
        assertEquals(List.of(), ids(0));
        add(load(0.1), 0);
        state.clear();
        assertEquals(List.of(), ids(0));
    }

    private void add(ActivityEvent event, long atNanos) {
        StreamEntry entry = StreamEntry.of(event);
        long id = ++lastId;
        StreamedEvent streamed = new StreamedEvent(entry.type(), entry.userId(),
                Outbound.Text.at(StreamMessages.withId(entry.json(), id), "e", id), null);
        state.add(id, streamed, CurrentState.StateFacts.of(entry), atNanos);
    }

    private List<Long> ids(long nowNanos) {
        return state.events(nowNanos).stream().map(CurrentState.Kept::id).toList();
    }

    private static ActivityEvent reasoning(String sessionId, double progress) {
        return new ActivityEvent(ActivityEventType.REASONING_UPDATE, Instant.EPOCH,
                new ReasoningUpdateData(sessionId, "analysis", progress));
    }

    private static ActivityEvent load(double value) {
        return new ActivityEvent(ActivityEventType.LOAD_CHANGE, Instant.EPOCH, new LoadChangeData(value, 1, 0, 0, VisualIntensity.values()[0]));
    }

    private static ActivityEvent session(String sessionId, SessionEventKind kind) {
        return new ActivityEvent(ActivityEventType.SESSION_EVENT, Instant.EPOCH,
                new SessionEventData(kind, sessionId, null));
    }

    private static ActivityEvent system() {
        return new ActivityEvent(ActivityEventType.SYSTEM_EVENT, Instant.EPOCH,
                new SystemEventData(SystemEventKind.values()[0], null, null));
    }
}
