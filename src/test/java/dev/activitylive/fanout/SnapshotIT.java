package dev.activitylive.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * State on join: a client that connects with {@code snapshot=true} gets, after {@code connection_established}, the
 * events that make the current state as they were first sent, oldest first, then the {@code snapshot} marker, then
 * the live stream with no gap and no repeat at the seam, under concurrent publishing too. What it should get is
 * worked out here from the stream's whole record (a replay from event 0) by the rules protocol.md states.
 */
class SnapshotIT extends DeployedTest {

    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final int RECENT = 50;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // No derived load: every load_change is a published one, so the record read after a test is complete.
        return Deployments.activityLive(Map.of("activity.live.max-clients", "30", "activity.live.load.derived", "off"));
    }

    @Test
    void theStateIsTheLatestLoadTheSessionsInProgressAndTheRecentSessionAndSystemEventsAsFirstSent() {
        try (TestSocket plain = TestSocket.connected(api.live())) {
            assertEquals(202, api.publish("[" + String.join(",",
                    reasoning("s-a", 10), reasoning("s-b", 20), load(0.3), reasoning("s-c", 30), reasoning("s-a", 40),
                    reasoning("s-c", 100), session("s-b", "deleted", "u-1"), session("s-d", "created", "u-2"),
                    system("health_change"), memory("m-1")) + "]").statusCode());
            List<JsonObject> live = plain.eventsUntilQuiet(QUIET);
            assertFalse(live.stream().anyMatch(message -> message.getString("type").equals("snapshot")),
                    "without the option nothing changes");

            Joined joined = join(api.live("snapshot=true"));
            List<JsonObject> expected = stateAt(joined.lastId(), record());
            assertEquals(expected, joined.state());
            assertTrue(joined.state().contains(find(live, "reasoning_update", "s-a", 40)), "s-a at 40: " + expected);
            assertFalse(joined.state().stream().anyMatch(event -> event.getJsonObject("data").getString("sessionId",
                    "").matches("s-[bc]") && event.getString("type").equals("reasoning_update")),
                    "s-b was deleted, s-c ended: " + joined.state());
            assertEquals(joined.lastId(), joined.marker().getJsonNumber("lastId").longValue());
            assertEquals(joined.state().size(), joined.marker().getInt("events"));
            assertEquals(0, joined.marker().getInt("omitted"));
            assertEquals(joined.socket().established().getString("epoch"), joined.marker().getString("epoch"));
            joined.socket().close();
        }
    }

    /** Eight dashboards join one after another while three producers publish; each seam is exact. */
    @Test
    void underConcurrentPublishingEveryJoinerGetsTheStateAtItsJoinThenEveryLaterEventOnce() throws Exception {
        ExecutorService producers = Executors.newFixedThreadPool(3);
        AtomicBoolean joining = new AtomicBoolean(true);
        List<Joined> joiners = new ArrayList<>();
        try {
            List<CompletableFuture<Void>> publishing = IntStream.range(0, 3).mapToObj(producer ->
                    CompletableFuture.runAsync(() -> publishWhile(joining, producer), producers)).toList();
            Api.pause(Duration.ofMillis(200));
            for (int i = 0; i < 8; i++) {
                joiners.add(join(api.live("snapshot=true")));
                Api.pause(Duration.ofMillis(100));
            }
            joining.set(false);
            CompletableFuture.allOf(publishing.toArray(CompletableFuture[]::new)).join();
            List<JsonObject> record = record();
            long lastId = id(record.get(record.size() - 1));
            for (Joined joined : joiners) {
                assertEquals(stateAt(joined.lastId(), record), joined.state(), "the state at " + joined.lastId());
                List<JsonObject> after = joined.socket().eventsUntilQuiet(QUIET);
                List<Long> ids = after.stream().map(SnapshotIT::id).toList();
                assertEquals(LongStream.rangeClosed(joined.lastId() + 1, lastId).boxed().toList(), ids, "every later event, once, in order");
                assertEquals(record.subList((int) (record.size() - (lastId - joined.lastId())), record.size()), after);
            }
            assertTrue(joiners.stream().map(Joined::lastId).distinct().count() > 4, "they joined at different points");
            assertTrue(joiners.stream().anyMatch(joined -> joined.state().stream()
                    .filter(event -> event.getString("type").equals("reasoning_update")).count() > 5),
                    "sessions were in progress as they joined");
        } finally {
            producers.shutdownNow();
            joiners.forEach(joined -> joined.socket().close());
        }
    }

    @Test
    void typesNarrowTheStateAsTheyNarrowTheStream() {
        assertEquals(202, api.publish("[" + reasoning("s-t", 5) + "," + load(0.5) + "," + system("config_change") + "]")
                .statusCode());
        Joined joined = join(api.live("snapshot=true&types=reasoning_update,load_change"));
        List<JsonObject> expected = stateAt(joined.lastId(), record()).stream()
                .filter(event -> List.of("reasoning_update", "load_change").contains(event.getString("type"))).toList();
        assertEquals(expected, joined.state());
        assertTrue(expected.size() >= 2, expected.toString());
        joined.socket().close();
    }

    /** A resume that works makes the state unneeded; one that cannot be served is answered, then the state comes. */
    @Test
    void aResumeThatRecoversSendsNoStateOneThatCannotIsFollowedByIt() {
        assertEquals(202, api.publish("[" + reasoning("s-r", 5) + "]").statusCode());
        String epoch;
        long lastId;
        try (TestSocket first = TestSocket.connected(api.live())) {
            epoch = first.established().getString("epoch");
            lastId = first.established().getJsonNumber("lastId").longValue();
        }
        try (TestSocket resumed = TestSocket.connected(api.live("since=" + lastId + "&epoch=" + epoch
                + "&snapshot=true"))) {
            JsonObject recovery = resumed.nextEvent();
            assertEquals("recovery", recovery.getString("type"));
            assertTrue(recovery.getJsonObject("data").getBoolean("recovered"));
            assertEquals(List.of(), resumed.eventsUntilQuiet(QUIET), "no state after a recovery");
        }
        try (TestSocket gone = TestSocket.connected(api.live("since=1&epoch=gone&snapshot=true"))) {
            JsonObject recovery = gone.nextEvent();
            assertFalse(recovery.getJsonObject("data").getBoolean("recovered"), recovery.toString());
            List<JsonObject> state = new ArrayList<>();
            for (JsonObject message = gone.nextEvent(); !message.getString("type").equals("snapshot");
                    message = gone.nextEvent()) {
                state.add(message);
            }
            assertEquals(stateAt(lastId, record()), state);
        }
    }

    /** A client that joined, with what it got up to and including the marker. */
    private record Joined(TestSocket socket, long lastId, List<JsonObject> state, JsonObject marker) {
    }

    private static Joined join(URI uri) {
        TestSocket socket = TestSocket.connected(uri);
        long lastId = socket.established().getJsonNumber("lastId").longValue();
        List<JsonObject> state = new ArrayList<>();
        for (JsonObject message = socket.nextEvent(); ; message = socket.nextEvent()) {
            if (message.getString("type").equals("snapshot")) {
                return new Joined(socket, lastId, state, message.getJsonObject("data"));
            }
            state.add(message);
        }
    }

    /** Every event of the stream so far, as first sent: a replay from event 0. */
    private List<JsonObject> record() {
        String epoch;
        try (TestSocket probe = TestSocket.connected(api.live())) {
            epoch = probe.established().getString("epoch");
        }
        try (TestSocket replay = TestSocket.connected(api.live("since=0&epoch=" + epoch))) {
            List<JsonObject> events = new ArrayList<>();
            for (JsonObject message = replay.nextEvent(); !message.getString("type").equals("recovery");
                    message = replay.nextEvent()) {
                events.add(message);
            }
            return events;
        }
    }

    /** The state after event {@code lastId} of {@code record}, by the rules of protocol.md. */
    private static List<JsonObject> stateAt(long lastId, List<JsonObject> record) {
        JsonObject load = null;
        Map<String, JsonObject> sessions = new LinkedHashMap<>();
        ArrayDeque<JsonObject> sessionEvents = new ArrayDeque<>();
        ArrayDeque<JsonObject> systemEvents = new ArrayDeque<>();
        for (JsonObject event : record) {
            if (id(event) > lastId) {
                break;
            }
            JsonObject data = event.getJsonObject("data");
            switch (event.getString("type")) {
                case "load_change" -> load = event;
                case "reasoning_update" -> {
                    sessions.remove(data.getString("sessionId"));
                    if (data.getJsonNumber("progress").doubleValue() < 100) {
                        sessions.put(data.getString("sessionId"), event);
                    }
                }
                case "session_event" -> {
                    if (data.getString("event").equals("deleted")) {
                        sessions.remove(data.getString("sessionId"));
                    }
                    keepRecent(sessionEvents, event);
                }
                case "system_event" -> keepRecent(systemEvents, event);
                default -> {
                }
            }
        }
        List<JsonObject> state = new ArrayList<>(sessions.values());
        if (load != null) {
            state.add(load);
        }
        state.addAll(sessionEvents);
        state.addAll(systemEvents);
        state.sort(Comparator.comparingLong(SnapshotIT::id));
        return state;
    }

    private static void keepRecent(ArrayDeque<JsonObject> recent, JsonObject event) {
        recent.addLast(event);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    /**
     * Publishes a few events at a time while {@code going} (at most 2,000 times): progress of 7 sessions per producer,
     * some ending, and load, session and system events.
     */
    private void publishWhile(AtomicBoolean going, int producer) {
        for (int round = 0; going.get() && round < 2_000; round++) {
            String session = "p" + producer + "-s" + (round % 7);
            List<String> events = new ArrayList<>(List.of(reasoning(session, (round * 9) % 101),
                    memory("p" + producer + "-m" + round)));
            if (round % 5 == 0) {
                events.add(load(round % 10 / 10.0));
            }
            if (round % 11 == 0) {
                events.add(session(session, "deleted", "u-" + producer));
            }
            if (round % 3 == 0) {
                events.add(system(round % 2 == 0 ? "health_change" : "config_change"));
            }
            assertEquals(202, api.publish("[" + String.join(",", events) + "]").statusCode());
            Api.pause(Duration.ofMillis(10));
        }
    }

    private static JsonObject find(List<JsonObject> events, String type, String sessionId, double progress) {
        return events.stream().filter(event -> event.getString("type").equals(type)
                        && event.getJsonObject("data").getString("sessionId").equals(sessionId)
                        && event.getJsonObject("data").getJsonNumber("progress").doubleValue() == progress)
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " of " + sessionId));
    }

    private static long id(JsonObject event) {
        return event.getJsonNumber("id").longValue();
    }

    private static String reasoning(String sessionId, double progress) {
        return "{\"type\":\"reasoning_update\",\"data\":{\"sessionId\":\"" + sessionId
                + "\",\"stage\":\"analysis\",\"progress\":" + progress + "}}";
    }

    private static String load(double level) {
        return "{\"type\":\"load_change\",\"data\":{\"loadLevel\":" + level
                + ",\"activeProcesses\":2,\"memoryOpsPerSecond\":5,\"reasoningSessions\":1,"
                + "\"visualIntensity\":\"low\"}}";
    }

    private static String session(String sessionId, String event, String userId) {
        return "{\"type\":\"session_event\",\"data\":{\"event\":\"" + event + "\",\"sessionId\":\"" + sessionId
                + "\",\"userId\":\"" + userId + "\"}}";
    }

    private static String system(String event) {
        return "{\"type\":\"system_event\",\"data\":{\"event\":\"" + event + "\",\"status\":\"ok\"}}";
    }

    private static String memory(String memoryId) {
        return "{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\",\"memoryId\":\"" + memoryId
                + "\",\"userId\":\"u-1\",\"success\":true}}";
    }

}
