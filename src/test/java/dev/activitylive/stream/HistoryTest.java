package dev.activitylive.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The history: ids one by one, exactly the events after an id, and its three bounds, oldest out first. */
class HistoryTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void eventsAreNumberedFromOneAndFoundAfterAnyKeptId() {
        History<String> history = new History<>(10, 1_000, 60 * SECOND);
        assertEquals(0, history.lastId());
        for (int i = 1; i <= 5; i++) {
            history.append("e" + i, 10, 0);
        }
        assertEquals(5, history.lastId());
        assertEquals(List.of("e3", "e4", "e5"), found(history.after(2, 0)));
        assertEquals(List.of("e1", "e2", "e3", "e4", "e5"), found(history.after(0, 0)));
        assertEquals(List.of(), found(history.after(5, 0)), "nothing missed");
    }

    @Test
    void anIdAheadOfTheStreamIsUnknown() {
        History<String> history = new History<>(10, 1_000, 60 * SECOND);
        history.append("e1", 10, 0);
        assertEquals("event 7 has not happened yet (last id 1)", unknown(history.after(7, 0)));
    }

    @Test
    void theCountBoundLetsTheOldestGoAndAResumeBeforeThemIsRefused() {
        History<String> history = new History<>(3, 1_000, 60 * SECOND);
        LongStream.rangeClosed(1, 10).forEach(i -> history.append("e" + i, 10, 0));
        assertEquals(3, history.size(0));
        assertEquals(List.of("e8", "e9", "e10"), found(history.after(7, 0)));
        assertEquals("events after 6 are no longer kept (oldest kept: 8)", unknown(history.after(6, 0)));
    }

    @Test
    void theByteBoundHoldsAndAnEventLargerThanItIsNotKept() {
        History<String> history = new History<>(100, 100, 60 * SECOND);
        LongStream.rangeClosed(1, 10).forEach(i -> history.append("e" + i, 30, 0));
        assertEquals(90, history.bytes(0));
        assertEquals(List.of("e8", "e9", "e10"), found(history.after(7, 0)));

        history.append("huge", 101, 0);
        assertEquals(0, history.size(0));
        assertEquals(0, history.bytes(0));
        assertEquals("events after 10 are no longer kept (oldest kept: none)", unknown(history.after(10, 0)));
        assertEquals(List.of(), found(history.after(11, 0)));
    }

    @Test
    void eventsOlderThanTheAgeBoundAreLetGoEvenWithoutNewOnes() {
        History<String> history = new History<>(100, 1_000, 10 * SECOND);
        history.append("e1", 10, 0);
        history.append("e2", 10, 5 * SECOND);
        assertEquals(List.of("e1", "e2"), found(history.after(0, 10 * SECOND)));
        assertEquals("events after 0 are no longer kept (oldest kept: 2)", unknown(history.after(0, 11 * SECOND)));
        assertEquals(1, history.size(11 * SECOND));
        assertEquals(0, history.size(16 * SECOND));
        assertEquals(0, history.bytes(16 * SECOND));
    }

    @Test
    void aHistoryOfNothingStillNumbersAndKnowsWhenNothingWasMissed() {
        History<String> history = new History<>(0, 1_000, 60 * SECOND);
        history.append("e1", 10, 0);
        history.append("e2", 10, 0);
        assertEquals(2, history.lastId());
        assertEquals(List.of(), found(history.after(2, 0)));
        assertInstanceOf(Lookup.Unknown.class, history.after(1, 0));
    }

    @Test
    void theRingWrapsAroundManyTimes() {
        History<Long> history = new History<>(7, 10_000, 60 * SECOND);
        for (long i = 1; i <= 1_000; i++) {
            history.append(i, 1, 0);
            long since = Math.max(0, i - 7);
            assertEquals(LongStream.rangeClosed(since + 1, i).boxed().toList(), found(history.after(since, 0)));
        }
    }

    private static <T> List<T> found(Lookup<T> lookup) {
        if (lookup instanceof Lookup.Found<T> found) {
            return found.items();
        }
        return fail("not found: " + lookup);
    }

    private static String unknown(Lookup<?> lookup) {
        return assertInstanceOf(Lookup.Unknown.class, lookup, lookup::toString).reason();
    }
}
