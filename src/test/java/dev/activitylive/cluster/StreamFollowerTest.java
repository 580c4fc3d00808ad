package dev.activitylive.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.event.ActivityEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamFollowerTest {

    /** A ring buffer in memory, with Hazelcast's read rules: a read below the head starts at the head. */
    private static final class MemoryLog implements StreamLog {
        final int capacity;
        final List<String> all = new ArrayList<>();
        long base;
        String epoch;

        MemoryLog(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public long append(String message) {
            all.add(message);
            return tail();
        }

        @Override
        public List<Entry> read(long sequence, int max) {
            if (sequence > tail() + 1) {
                throw new Reset("beyond tail", null);
            }
            List<Entry> entries = new ArrayList<>();
            for (long s = Math.max(sequence, head()); s <= tail() && entries.size() < max; s++) {
                entries.add(new Entry(s, all.get((int) (s - base))));
            }
            return entries;
        }

        @Override
        public long head() {
            return Math.max(base, base + all.size() - capacity);
        }

        @Override
        public long tail() {
            return base + all.size() - 1;
        }

        @Override
        public String epoch(String proposed) {
            if (epoch == null) {
                epoch = proposed;
            }
            return epoch;
        }

        @Override
        public String renewEpoch(String ended, String proposed) {
            if (epoch == null || epoch.equals(ended)) {
                epoch = proposed;
            }
            return epoch;
        }

        void lose() {
            all.clear();
            base = 0;
            epoch = null;
        }
    }

    /** What the local stream would be told. */
    private static final class Recording implements StreamFollower.Sink {
        final List<String> calls = new ArrayList<>();
        long lastId = -1;

        @Override
        public void deliver(long id, ClusterMessage message) {
            assertEquals(lastId + 1, id, "ids delivered one after the other");
            lastId = id;
            calls.add(id + ":" + message.json());
        }

        @Override
        public void restart(String epoch, long lastId, String why) {
            this.lastId = lastId;
            calls.add("restart " + epoch + " after " + lastId);
        }
    }

    private final AtomicInteger epochs = new AtomicInteger();

    private StreamFollower follower(MemoryLog log, Recording sink) {
        return new StreamFollower(log, sink, () -> "e" + epochs.incrementAndGet());
    }

    private static String event(String json) {
        return new ClusterMessage(ActivityEventType.HEARTBEAT, null, json).encode();
    }

    @Test
    void joiningTakesTheClusterEpochAndTheLatestEventsThenFollowsWithIdsFromTheSequence() throws Exception {
        MemoryLog log = new MemoryLog(100);
        log.epoch("cluster-epoch");
        for (int i = 0; i < 5; i++) {
            log.append(event("old" + i));
        }
        Recording sink = new Recording();
        StreamFollower follower = follower(log, sink);

        assertEquals("cluster-epoch", follower.start(2));
        log.append(event("new"));
        follower.poll();

        assertEquals(List.of("restart cluster-epoch after 3", "4:old3", "5:old4", "6:new"), sink.calls);
    }

    @Test
    void fallingBehindTheLogRestartsAfterTheHoleInTheSameEpoch() throws Exception {
        MemoryLog log = new MemoryLog(3);
        Recording sink = new Recording();
        StreamFollower follower = follower(log, sink);
        String epoch = follower.start(10);
        for (int i = 0; i < 5; i++) {
            log.append(event("e" + i));
        }

        follower.poll();

        assertEquals(List.of("restart " + epoch + " after 0", "restart " + epoch + " after 2", "3:e2", "4:e3",
                "5:e4"), sink.calls);
    }

    @Test
    void aLostLogGivesANewEpochThatEveryInstanceAgreesOn() throws Exception {
        MemoryLog log = new MemoryLog(100);
        Recording first = new Recording();
        Recording second = new Recording();
        StreamFollower a = follower(log, first);
        StreamFollower b = follower(log, second);
        String before = a.start(10);
        assertEquals(before, b.start(10));
        log.append(event("x"));
        a.poll();
        b.poll();

        log.lose();
        log.epoch("made-by-a-third-instance-first");
        a.poll();
        b.poll();
        log.append(event("y"));
        a.poll();
        b.poll();

        assertNotEquals(before, a.epoch());
        assertEquals(a.epoch(), b.epoch());
        assertEquals(first.calls, second.calls);
        assertEquals(List.of("restart " + before + " after 0", "1:x", "restart " + a.epoch() + " after 0", "1:y"),
                first.calls);
    }

    @Test
    void anEntryThatIsNotAnEventRestartsAfterItInsteadOfNumberingAcrossIt() throws Exception {
        MemoryLog log = new MemoryLog(100);
        Recording sink = new Recording();
        StreamFollower follower = follower(log, sink);
        String epoch = follower.start(10);
        log.append(event("a"));
        log.append("something else");
        log.append(event("b"));

        follower.poll();

        assertEquals(List.of("restart " + epoch + " after 0", "1:a", "restart " + epoch + " after 2", "3:b"),
                sink.calls);
        assertTrue(sink.lastId == 3);
    }
}
