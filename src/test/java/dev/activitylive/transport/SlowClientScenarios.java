package dev.activitylive.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.RawSocket;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading: once its queue passes its byte limit it is closed ("Client too slow", 1008) and
 * forgotten, and a client reading alongside it gets every event, in order.
 */
abstract class SlowClientScenarios extends SendPathTest {

    // Above the largest burst a healthy client gets here (one publish of 50 events, ~410 KB), far below what the
    // stalled client is sent (~10 MB, more than the socket buffers on both sides hold).
    private static final int QUEUE_MAX_BYTES = 1024 * 1024;
    private static final int EVENT_PADDING = 8 * 1024;
    private static final int PER_BATCH = 50;
    /** ~100 MB: more than the stalled client's socket buffers and the container's pending writes can hold. */
    private static final int MAX_BATCHES = 250;

    /** The deployment of a subclass: these settings plus {@code extra}. */
    static WebArchive deployment(Map<String, String> extra) {
        return deployment(Map.of(
                "activity.live.client-queue-max-bytes", String.valueOf(QUEUE_MAX_BYTES)), extra);
    }

    @Test
    void aClientThatStopsReadingIsClosedWith1008AndNobodyElseNotices() throws Exception {
        try (TestSocket reading = TestSocket.connected(api.live());
             RawSocket stalled = RawSocket.connect(api.live(), 30_000, 4096)) {
            stalled.read();
            api.awaitClientCount(2);
            double slowClosesBefore = api.metric("activity_live_slow_client_closes_total", "");

            // Publish until the server lets the stalled client go; the reading client keeps up meanwhile.
            int batches = 0;
            int nextId = 0;
            List<JsonObject> received = new ArrayList<>();
            while (api.clientCount() == 2 && batches < MAX_BATCHES) {
                assertEquals(202, api.publish(Api.memoryOperations(nextId, PER_BATCH, EVENT_PADDING)).statusCode());
                nextId += PER_BATCH;
                batches++;
                received.addAll(reading.eventsUntilQuiet(Duration.ofMillis(100)));
            }
            assertEquals(1, api.clientCount(), "the stalled client was let go after " + batches + " batches");
            assertEquals(slowClosesBefore + 1, api.metric("activity_live_slow_client_closes_total", ""));
            double highWater = api.metric("activity_live_queue_high_water_bytes", "");
            assertTrue(highWater > QUEUE_MAX_BYTES / 2 && highWater <= QUEUE_MAX_BYTES, "high-water mark " + highWater);
            System.out.printf("stalled client closed after %d batches, %.1f MB sent to it%n", batches,
                    batches * PER_BATCH * (EVENT_PADDING + 100) / 1e6);

            received.addAll(reading.eventsUntilQuiet(Duration.ofSeconds(2)));
            assertEquals(nextId, received.size(), "the reading client lost nothing");
            for (int i = 0; i < received.size(); i++) {
                assertEquals(String.valueOf(i), received.get(i).getJsonObject("data").getString("memoryId"));
            }

            // The close frame queues behind the data the container already holds for the client, and the container
            // may drop that backlog when the connection closes: the client then sees the connection end without it.
            Optional<RawSocket.Frame> close = stalled.readUntilCloseOrEnd();
            close.ifPresent(frame -> assertEquals("1008 Client too slow", frame.closeCode() + " " + frame.closeReason()));
            if (close.isPresent()) {
                assertEquals(0, stalled.bytesUntilEnd(Duration.ofSeconds(2)), "nothing after the close frame");
            }
        }
    }
}
