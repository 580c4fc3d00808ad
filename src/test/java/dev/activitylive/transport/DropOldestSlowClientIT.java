package dev.activitylive.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.RawSocket;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The other slow-client policy, {@code drop-oldest}: a client that stops reading stays connected and, when it reads
 * again, gets the newest events in order with a gap where its oldest queued ones were discarded; a client reading
 * alongside loses nothing.
 */
class DropOldestSlowClientIT extends DeployedTest {

    private static final int EVENT_PADDING = 8 * 1024;
    private static final int PER_BATCH = 50;
    /** ~33 MB: far more than the stalled client's socket buffers, the container's write queue and its 1 MiB queue. */
    private static final int BATCHES = 80;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of(
                "activity.live.client-queue-max-bytes", String.valueOf(1024 * 1024),
                "activity.live.slow-client-policy", "drop-oldest"));
    }

    @Test
    void aClientThatStopsReadingStaysAndMissesItsOldestEventsWhileOthersGetEverything() throws Exception {
        try (TestSocket reading = TestSocket.connected(api.live());
             RawSocket stalled = RawSocket.connect(api.live(), 30_000, 4096)) {
            stalled.read();
            api.awaitClientCount(2);
            List<JsonObject> received = new ArrayList<>();
            int total = BATCHES * PER_BATCH;
            for (int from = 0; from < total; from += PER_BATCH) {
                assertEquals(202, api.publish(Api.memoryOperations(from, PER_BATCH, EVENT_PADDING)).statusCode());
                received.addAll(reading.eventsUntilQuiet(Duration.ofMillis(100)));
            }
            assertEquals(2, api.clientCount(), "the stalled client is still connected");

            received.addAll(reading.eventsUntilQuiet(Duration.ofSeconds(2)));
            assertEquals(total, received.size(), "the reading client lost nothing");
            for (int i = 0; i < total; i++) {
                assertEquals(String.valueOf(i), received.get(i).getJsonObject("data").getString("memoryId"));
            }

            // Reading again, the stalled client gets what the buffers held, then the newest events, in order.
            List<Integer> ids = new ArrayList<>();
            while (ids.isEmpty() || ids.get(ids.size() - 1) != total - 1) {
                RawSocket.Frame frame = stalled.read();
                if (frame.opcode() == RawSocket.Frame.TEXT) {
                    JsonObject event = jakarta.json.Json.createReader(new StringReader(frame.text())).readObject();
                    if (event.getString("type").equals("memory_operation")) {
                        ids.add(Integer.parseInt(event.getJsonObject("data").getString("memoryId")));
                    }
                }
            }
            for (int i = 1; i < ids.size(); i++) {
                assertTrue(ids.get(i) > ids.get(i - 1), "in order: " + ids.get(i - 1) + " then " + ids.get(i));
            }
            assertTrue(ids.size() < total, "the oldest queued events were dropped: got " + ids.size() + " of " + total);
            // Every event it missed was dropped from its queue (heartbeats may have been too), and operators see it.
            double dropped = api.metric("activity_live_dropped_frames", "");
            assertTrue(dropped >= total - ids.size(), dropped + " frames counted as dropped, "
                    + (total - ids.size()) + " events missed");
            System.out.printf("drop-oldest: the stalled client got %d of %d events%n", ids.size(), total);
        }
    }
}
