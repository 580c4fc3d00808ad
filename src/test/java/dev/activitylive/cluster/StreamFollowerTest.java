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

    private StreamFollower follower(MemoryStreamLog log, Recording sink) {
        return new StreamFollower(log, sink, () -> "e" + epochs.incrementAndGet());
    }

    private static String event(String json) {
        return new ClusterMessage(ActivityEventType.HEARTBEAT, null, json).encode();
    }

    @Test
    void joiningTakesTheClusterEpochAndTheLatestEventsThenFollowsWithIdsFromTheSequence() throws Exception {
        MemoryStreamLog log = new MemoryStreamLog(100);
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
        MemoryStreamLog log = new MemoryStreamLog(3);
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
        MemoryStreamLog log = new MemoryStreamLog(100);
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
        MemoryStreamLog log = new MemoryStreamLog(100);
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
