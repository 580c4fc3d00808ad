package dev.activitylive.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEvents;
import dev.activitylive.event.LoadChangeData;
import dev.activitylive.event.MemoryOperation;
import dev.activitylive.event.MemoryOperationData;
import dev.activitylive.event.ReasoningUpdateData;
import dev.activitylive.event.SessionEventData;
import dev.activitylive.event.SessionEventKind;
import dev.activitylive.event.VisualIntensity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The derived load, on a clock the test moves: the window, the sessions, the formula and what counts as a change. */
class LoadTrackerTest {

    private static final long SECOND = 1_000_000_000L;
    /** Any point in time; nanoTime can be anything, negative too. */
    private static final long T0 = -7 * SECOND + 123_456;

    private final LoadTracker tracker = new LoadTracker();

    @Test
    void aBurstOfMemoryOperationsRaisesTheRateAndTheLevelAndSilenceBringsThemDown() {
        assertEquals(LoadFormula.load(0, 0, 0), tracker.snapshot(T0));
        for (int i = 0; i < 400; i++) {
            tracker.record(memoryOperation(), T0 + i * (SECOND / 400));
        }
        LoadChangeData busy = tracker.snapshot(T0 + SECOND);
        assertEquals(80.0, busy.memoryOpsPerSecond(), "400 operations over the 5 s window");
        assertEquals(0.4, busy.loadLevel());
        assertEquals(VisualIntensity.MEDIUM, busy.visualIntensity());

        LoadChangeData later = tracker.snapshot(T0 + 4 * SECOND);
        assertEquals(80.0, later.memoryOpsPerSecond(), "still inside the window");
        LoadChangeData quiet = tracker.snapshot(T0 + 6 * SECOND);
        assertEquals(LoadFormula.load(0, 0, 0), quiet, "the burst has left the window");
    }

    @Test
    void reasoningSessionsAreCountedWithTheirStreamsAndReleased() {
        tracker.record(ActivityEvents.reasoningUpdate(new ReasoningUpdateData("s1", "analysis", 0.1,
                List.of("a", "b", "c"), null)), T0);
        tracker.record(ActivityEvents.reasoningUpdate(new ReasoningUpdateData("s2", "analysis", 0.1)), T0);
        tracker.record(ActivityEvents.session(new SessionEventData(SessionEventKind.CREATED, "s3", "u")), T0);
        LoadChangeData three = tracker.snapshot(T0);
        assertEquals(3, three.reasoningSessions());
        assertEquals(5, three.activeProcesses(), "3 streams + 1 + 1");
        assertEquals(0.25, three.loadLevel());

        tracker.record(ActivityEvents.reasoningUpdate(new ReasoningUpdateData("s1", "Completed", 1)), T0 + SECOND);
        tracker.record(ActivityEvents.session(new SessionEventData(SessionEventKind.DELETED, "s3", "u")), T0 + SECOND);
        LoadChangeData one = tracker.snapshot(T0 + SECOND);
        assertEquals(1, one.reasoningSessions());
        assertEquals(1, one.activeProcesses());

        assertEquals(1, tracker.snapshot(T0 + 60 * SECOND).reasoningSessions(), "a minute without update: kept");
        assertEquals(0, tracker.snapshot(T0 + 61 * SECOND + 1).reasoningSessions(), "longer: taken as over");
    }

    @Test
    void aFloodOfSessionIdsIsBounded() {
        for (int i = 0; i < LoadTracker.MAX_SESSIONS + 500; i++) {
            tracker.record(ActivityEvents.reasoningUpdate(new ReasoningUpdateData("s" + i, "x", 0)), T0);
        }
        LoadChangeData flooded = tracker.snapshot(T0);
        assertEquals(LoadTracker.MAX_SESSIONS, flooded.reasoningSessions());
        assertEquals(0.5, flooded.loadLevel(), "processes full, memory empty");
    }

    @Test
    void loadChangesDoNotFeedTheLoad() {
        tracker.record(ActivityEvents.loadChange(LoadFormula.load(90, 9, 9)), T0);
        assertEquals(LoadFormula.load(0, 0, 0), tracker.snapshot(T0));
    }

    @Test
    void theFormulaSaturatesAndTheThresholdsSplitTheIntensities() {
        assertEquals(1.0, LoadFormula.level(1_000, 50));
        assertEquals(0.5, LoadFormula.level(100, 0));
        assertEquals(0.5, LoadFormula.level(0, 10));
        assertEquals(VisualIntensity.LOW, LoadFormula.intensity(0.29));
        assertEquals(VisualIntensity.MEDIUM, LoadFormula.intensity(0.3));
        assertEquals(VisualIntensity.MEDIUM, LoadFormula.intensity(0.69));
        assertEquals(VisualIntensity.HIGH, LoadFormula.intensity(0.7));
    }

    @Test
    void onlyAMeaningfulChangeIsAnnounced() {
        LoadChangeData base = LoadFormula.load(40, 2, 2);
        assertFalse(LoadFormula.changedMeaningfully(base, LoadFormula.load(42, 2, 2)), "5% more ops, level +0.01");
        assertTrue(LoadFormula.changedMeaningfully(base, LoadFormula.load(45, 2, 2)), "12.5% more ops");
        assertTrue(LoadFormula.changedMeaningfully(base, LoadFormula.load(40, 3, 2)), "one more process");
        assertTrue(LoadFormula.changedMeaningfully(base, LoadFormula.load(40, 2, 3)), "one more session");
        assertTrue(LoadFormula.changedMeaningfully(LoadFormula.load(0.4, 0, 0), LoadFormula.load(0, 0, 0)),
                "a trickle that stops");
        assertFalse(LoadFormula.changedMeaningfully(LoadFormula.load(0.4, 0, 0), LoadFormula.load(0.6, 0, 0)));
    }

    private static ActivityEvent memoryOperation() {
        return ActivityEvents.memoryOperation(new MemoryOperationData(MemoryOperation.RECALL, null, "u", null, true,
                null));
    }
}
