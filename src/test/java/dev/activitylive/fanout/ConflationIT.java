package dev.activitylive.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.RawSocket;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Delivery classes: a client that stops reading while reasoning updates of many sessions and load changes stream,
 * memory operations between them, stays connected (without conflation its 1 MiB queue would close it), and reading
 * again gets every memory operation once and in order, the latest load and each session's latest update, in the
 * stream's order; a client reading alongside gets every frame, as it would without conflation.
 */
class ConflationIT extends DeployedTest {

    private static final int SESSIONS = 20;
    /** ~25 MB to the stalled client: far more than the socket buffers, the container's writes and its queue hold. */
    private static final int BATCHES = 300;
    private static final int STAGE_PADDING = 4 * 1024;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of("activity.live.client-queue-max-bytes", String.valueOf(1024 * 1024)));
    }

    @Test
    void aStalledDashboardIsConflatedNotClosedAndAReadingOneGetsEveryFrame() throws Exception {
        try (TestSocket reading = TestSocket.connected(api.live());
             RawSocket stalled = RawSocket.connect(api.live(), 30_000, 4096)) {
            stalled.readEvent();
            api.awaitClientCount(2);
            double conflatedBefore = api.metric("activity_live_conflated_frames", "");

            List<JsonObject> received = new ArrayList<>();
            for (int batch = 0; batch < BATCHES; batch++) {
                assertEquals(202, api.publish(batch(batch)).statusCode());
                // The reading client keeps up: the next batch goes once it has this one's last event.
                JsonObject last;
                do {
                    last = reading.nextEvent();
                    received.add(last);
                } while (!isMemory(last, batch));
            }
            assertEquals(2, api.clientCount(), "the stalled client is still connected");

            long firstId = id(received.get(0));
            assertEquals(idsFrom(firstId, BATCHES * (SESSIONS + 2)), received.stream().map(ConflationIT::id).toList(),
                    "the reading client got every event, in order");
            for (int batch = 0; batch < BATCHES; batch++) {
                List<JsonObject> ofBatch = received.subList(batch * (SESSIONS + 2), (batch + 1) * (SESSIONS + 2));
                assertEquals(expectedBatch(batch), ofBatch.stream().map(ConflationIT::describe).toList());
            }

            // Reading again, up to the last memory operation, which was published last.
            List<JsonObject> caughtUp = new ArrayList<>();
            JsonObject event;
            do {
                event = Api.parse(stalled.readEvent().text());
                caughtUp.add(event);
            } while (!isMemory(event, BATCHES - 1));
            List<Long> ids = caughtUp.stream().map(ConflationIT::id).toList();
            for (int i = 1; i < ids.size(); i++) {
                assertTrue(ids.get(i) > ids.get(i - 1),
                        "in the stream's order: " + ids.get(i - 1) + " then " + ids.get(i));
            }
            assertEquals(IntStream.range(0, BATCHES).mapToObj(String::valueOf).toList(), caughtUp.stream()
                    .filter(e -> e.getString("type").equals("memory_operation"))
                    .map(e -> e.getJsonObject("data").getString("memoryId")).toList(),
                    "every memory operation, once, in order");
            Map<String, String> lastOfEach = new HashMap<>();
            caughtUp.forEach(e -> lastOfEach.put(key(e), describe(e)));
            Map<String, String> published = new HashMap<>();
            expectedBatch(BATCHES - 1).forEach(description -> published.put(description.split(" ")[0], description));
            assertEquals(published, lastOfEach, "its last state is the publisher's");
            long reasoning = caughtUp.stream().filter(e -> e.getString("type").equals("reasoning_update")).count();
            double conflated = api.metric("activity_live_conflated_frames", "") - conflatedBefore;
            assertTrue(reasoning < (long) BATCHES * SESSIONS && conflated > 0,
                    reasoning + " of " + BATCHES * SESSIONS + " reasoning updates, " + conflated + " frames conflated");
            System.out.printf("conflation: the stalled client got %d of %d events; %.0f frames conflated%n",
                    caughtUp.size(), BATCHES * (SESSIONS + 2), conflated);
        }
    }

    private static List<Long> idsFrom(long first, int count) {
        return java.util.stream.LongStream.range(first, first + count).boxed().toList();
    }

    /** Batch {@code b}: an update of every session at step b, the load at b, then memory operation b. */
    private static String batch(int b) {
        String padding = "x".repeat(STAGE_PADDING);
        String updates = IntStream.range(0, SESSIONS).mapToObj(s -> "{\"type\":\"reasoning_update\",\"data\":{"
                        + "\"sessionId\":\"s-" + s + "\",\"stage\":\"step-" + b + "-" + padding
                        + "\",\"progress\":50}}")
                .collect(Collectors.joining(","));
        return "[" + updates + ",{\"type\":\"load_change\",\"data\":{\"loadLevel\":0.5,\"activeProcesses\":" + b
                + ",\"memoryOpsPerSecond\":1,\"reasoningSessions\":" + SESSIONS + ",\"visualIntensity\":\"low\"}},"
                + Api.memoryOperations(b, 1, 0).substring(1);
    }

    /** What batch {@code b}'s events are, as {@link #describe} tells them. */
    private static List<String> expectedBatch(int b) {
        List<String> expected = new ArrayList<>();
        IntStream.range(0, SESSIONS).forEach(s -> expected.add("s-" + s + " " + b));
        expected.add("load " + b);
        expected.add("memory " + b);
        return expected;
    }

    /** An event as "key step": "s-3 17", "load 17", "memory 17". */
    private static String describe(JsonObject event) {
        JsonObject data = event.getJsonObject("data");
        return key(event) + " " + switch (event.getString("type")) {
            case "reasoning_update" -> data.getString("stage").split("-")[1];
            case "load_change" -> data.getInt("activeProcesses");
            default -> data.getString("memoryId");
        };
    }

    private static String key(JsonObject event) {
        return switch (event.getString("type")) {
            case "reasoning_update" -> event.getJsonObject("data").getString("sessionId");
            case "load_change" -> "load";
            default -> "memory";
        };
    }

    private static boolean isMemory(JsonObject event, int b) {
        return event.getString("type").equals("memory_operation")
                && event.getJsonObject("data").getString("memoryId").equals(String.valueOf(b));
    }

    private static long id(JsonObject event) {
        return event.getJsonNumber("id").longValue();
    }
}
