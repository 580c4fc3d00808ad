package dev.activitylive.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClusterSenderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void queuedEventsAreAppendedInOrderInBatchesAndTheirSendingCanBeAwaited() throws Exception {
        MemoryStreamLog log = new MemoryStreamLog(10_000);
        ClusterSender sender = new ClusterSender(log);
        List<String> sent = IntStream.range(0, 2500).mapToObj(i -> "e" + i).toList();
        sent.forEach(sender::send); // queued before the sending thread starts: it takes them in batches
        Thread thread = new Thread(sender);
        thread.start();

        assertTrue(sender.awaitSent(0, sender.position(), WAIT));
        sender.stop();
        thread.join(WAIT.toMillis());

        assertEquals(sent, log.all, "every event once, in the order queued");
        assertEquals(List.of(1000, 1000, 500), log.batches, "at most 1000 per append");
        assertFalse(thread.isAlive());
    }

    @Test
    void aFailedAppendIsReportedToThoseWaitingForItsEventsOnly() throws Exception {
        MemoryStreamLog log = new MemoryStreamLog(10_000);
        ClusterSender sender = new ClusterSender(log);
        Thread thread = new Thread(sender);
        thread.start();
        try {
            sender.send("before");
            assertTrue(sender.awaitSent(0, sender.position(), WAIT));

            long beforeFailure = sender.position();
            log.failNext = true;
            sender.send("lost");
            long failedUpTo = sender.position();
            assertFalse(sender.awaitSent(beforeFailure, failedUpTo, WAIT), "the publisher of 'lost' is told");

            sender.send("after");
            assertTrue(sender.awaitSent(failedUpTo, sender.position(), WAIT), "later events are not blamed");
            assertEquals(List.of("before", "after"), new ArrayList<>(log.all));
        } finally {
            sender.stop();
            thread.join(WAIT.toMillis());
        }
    }

    @Test
    void waitingForEventsTheClusterHasNotTakenTimesOut() throws Exception {
        ClusterSender sender = new ClusterSender(new MemoryStreamLog(100));
        sender.send("never sent: no sending thread");
        assertFalse(sender.awaitSent(0, sender.position(), Duration.ofMillis(50)));
    }
}
