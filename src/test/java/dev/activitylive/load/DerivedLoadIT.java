package dev.activitylive.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The derived cognitive load, on the real stream: memory operations raise it and silence lowers it, reasoning
 * sessions are counted and released, and a long burst gives at most one {@code load_change} per interval.
 */
class DerivedLoadIT extends DeployedTest {

    private static final Duration INTERVAL = Duration.ofMillis(250);
    /** The memory-rate window (5 s) and a few intervals. */
    private static final Duration WINDOW_AND_MORE = Duration.ofSeconds(8);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of(
                "activity.live.load.derived", "on",
                "activity.live.load.interval-ms", String.valueOf(INTERVAL.toMillis())));
    }

    @Test
    void aBurstOfMemoryOperationsRaisesTheLoadAtMostOncePerIntervalAndSilenceBringsItDown() {
        try (TestSocket dashboard = loadDashboard()) {
            long started = System.nanoTime();
            // 3 producers × 600 over 2–3 s: thousands of events, which must not become thousands of load changes.
            CompletableFuture<?> burst =
                    CompletableFuture.runAsync(() -> api.fire("producers=3&count=600&pauseMillis=3"));
            List<JsonObject> changes = new ArrayList<>();
            JsonObject peak = awaitLoad(dashboard, changes,
                    load -> load.getJsonNumber("memoryOpsPerSecond").doubleValue() >= 100);
            burst.join();
            // Calm is a rate of zero: the level rounds to 0 already while one operation is left in the window
            // (0.2 ops/s), and the rate's fall to zero is announced on its own.
            JsonObject calm = awaitLoad(dashboard, changes,
                    load -> load.getJsonNumber("memoryOpsPerSecond").doubleValue() == 0);
            double seconds = (System.nanoTime() - started) / 1e9;

            assertTrue(peak.getJsonNumber("loadLevel").doubleValue() >= 0.5, peak.toString());
            assertEquals(0, calm.getJsonNumber("loadLevel").doubleValue(), calm.toString());
            assertEquals("low", calm.getString("visualIntensity"));
            int bound = (int) (seconds * 1000 / INTERVAL.toMillis()) + 1;
            System.out.printf("%d load_change events in %.1f s for 1800 memory operations (bound %d)%n",
                    changes.size(), seconds, bound);
            assertTrue(changes.size() <= bound, changes.size() + " load changes in " + seconds + " s");
        }
    }

    @Test
    void reasoningSessionsAreCountedWithTheirStreamsAndReleased() {
        try (TestSocket dashboard = loadDashboard()) {
            publish(reasoning("s1", "analysis", "[\"a\",\"b\",\"c\"]"));
            publish(reasoning("s2", "analysis", "[]"));
            JsonObject two = awaitLoad(dashboard, load -> load.getInt("reasoningSessions") == 2);
            assertEquals(4, two.getInt("activeProcesses"), "3 streams of s1, s2 counts as 1");

            publish(reasoning("s1", "complete", "[]"));
            JsonObject one = awaitLoad(dashboard, load -> load.getInt("reasoningSessions") == 1);
            assertEquals(1, one.getInt("activeProcesses"));

            publish("{\"type\":\"session_event\",\"data\":{\"event\":\"deleted\",\"sessionId\":\"s2\"}}");
            JsonObject none = awaitLoad(dashboard, load -> load.getInt("reasoningSessions") == 0);
            assertEquals(0, none.getInt("activeProcesses"));
        }
    }

    private TestSocket loadDashboard() {
        return TestSocket.connected(URI.create(api.live() + "?types=load_change"));
    }

    private void publish(String event) {
        assertEquals(202, api.publish(event).statusCode());
    }

    private static String reasoning(String session, String stage, String streams) {
        return "{\"type\":\"reasoning_update\",\"data\":{\"sessionId\":\"" + session + "\",\"stage\":\"" + stage
                + "\",\"progress\":0.5,\"activeStreams\":" + streams + "}}";
    }

    private static JsonObject awaitLoad(TestSocket dashboard, Predicate<JsonObject> wanted) {
        return awaitLoad(dashboard, new ArrayList<>(), wanted);
    }

    /** Reads load changes, collecting them into {@code seen}, until one's data matches. */
    private static JsonObject awaitLoad(TestSocket dashboard, List<JsonObject> seen, Predicate<JsonObject> wanted) {
        long deadline = System.nanoTime() + WINDOW_AND_MORE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonObject> message = dashboard.next(Duration.ofMillis(500));
            if (message.isEmpty() || TestSocket.isKeepalive(message.get())) {
                continue;
            }
            assertEquals("load_change", message.get().getString("type"), message.get().toString());
            JsonObject load = message.get().getJsonObject("data");
            seen.add(load);
            if (wanted.test(load)) {
                return load;
            }
        }
        throw new AssertionError("no matching load_change within " + WINDOW_AND_MORE + "; seen " + seen);
    }
}
