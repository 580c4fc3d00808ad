package dev.activitylive.fanout;

import static dev.activitylive.testsupport.Api.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.RawSocket;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Event ids and recovery: every broadcast event numbered, a client that comes back with {@code since} and
 * {@code epoch} (in the URL or in a {@code resume} message) gets exactly what it missed, then the live stream, with
 * producers publishing throughout; what cannot be recovered is said so; the history keeps to its bound in bytes.
 * Also the health checks and the metrics this deployment's traffic moves.
 */
class RecoveryIT extends DeployedTest {

    private static final int HISTORY_MAX_BYTES = 1024 * 1024;
    private static final int QUEUE_MAX_BYTES = 256 * 1024;
    private static final Duration QUIET = Duration.ofSeconds(1);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of(
                "activity.live.history.max-bytes", String.valueOf(HISTORY_MAX_BYTES),
                "activity.live.client-queue-max-bytes", String.valueOf(QUEUE_MAX_BYTES),
                "activity.live.max-clients", "20"));
    }

    @Test
    void everyBroadcastEventCarriesTheNextIdAndConnectionEstablishedTheEpochAndLastId() {
        try (TestSocket client = TestSocket.connected(api.live())) {
            JsonObject established = client.established();
            assertFalse(established.getString("epoch").isEmpty());
            assertEquals(stream().getString("epoch"), established.getString("epoch"));
            long lastId = established.getJsonNumber("lastId").longValue();

            api.fire("count=5");
            client.send("{\"action\":\"ping\"}");
            List<JsonObject> received = client.eventsUntilQuiet(QUIET);
            assertEquals(6, received.size(), received.toString());
            for (int i = 0; i < 5; i++) {
                assertEquals(lastId + 1 + i, id(received.get(i)));
            }
            assertFalse(received.get(5).containsKey("id"), "a pong is no event of the stream: " + received.get(5));
        }
    }

    /** The hard case: the client comes back while three producers publish; the seam has no gap and no repeat. */
    @Test
    void aClientThatReconnectsWithSinceInItsUrlGetsExactlyWhatItMissedThenTheLiveStream() {
        String epoch;
        long lastSeen;
        try (TestSocket first = TestSocket.connected(api.live())) {
            epoch = first.established().getString("epoch");
            api.fire("count=50");
            for (int i = 0; i < 19; i++) {
                first.nextEvent();
            }
            lastSeen = id(first.nextEvent());
        }
        CompletableFuture<HttpResponse<String>> publishing =
                CompletableFuture.supplyAsync(() -> api.fire("producers=3&count=700&pauseMillis=1"));
        Api.pause(Duration.ofMillis(300));
        try (TestSocket back = TestSocket.connected(resumeUri(lastSeen, epoch))) {
            publishing.join();
            List<JsonObject> received = back.eventsUntilQuiet(QUIET);
            int at = indexOfRecovery(received);
            JsonObject recovery = received.get(at).getJsonObject("data");
            assertTrue(recovery.getBoolean("recovered"), recovery.toString());
            assertEquals(at, recovery.getInt("replayed"), "everything before the answer is the replay");
            assertEquals(lastSeen, recovery.getJsonNumber("since").longValue());
            received.remove(at);
            assertConsecutiveFrom(lastSeen + 1, received);
            assertEquals(lastSeen + 30 + 2100, id(received.get(received.size() - 1)), "every event, none twice");
            assertEquals(Long.parseLong(text(stream().get("lastId"))), id(received.get(received.size() - 1)));
            assertEquals(recovery.getJsonNumber("lastId").longValue(), id(received.get(at - 1)));
            assertPerProducerOrder(received.subList(0, 30)); // the rest of the first 50
            assertPerProducerOrder(received.subList(30, received.size())); // the 3 × 700 fired meanwhile
        }
    }

    /** With a message the client has already had live events: the replay may repeat those, never what follows. */
    @Test
    void aResumeMessageReplaysInOrderAndTheLiveStreamAfterItHasNoGapAndNoRepeat() {
        try (TestSocket client = TestSocket.connected(api.live())) {
            String epoch = client.established().getString("epoch");
            long joinedAt = client.established().getJsonNumber("lastId").longValue();
            api.fire("count=40");
            client.eventsUntilQuiet(QUIET);
            CompletableFuture<HttpResponse<String>> publishing =
                    CompletableFuture.supplyAsync(() -> api.fire("producers=3&count=500&pauseMillis=1"));
            Api.pause(Duration.ofMillis(200));
            long since = joinedAt + 10;
            client.send("{\"action\":\"resume\",\"since\":" + since + ",\"epoch\":\"" + epoch + "\"}");
            publishing.join();
            List<JsonObject> received = client.eventsUntilQuiet(QUIET);

            int at = indexOfRecovery(received);
            JsonObject recovery = received.get(at).getJsonObject("data");
            assertTrue(recovery.getBoolean("recovered"), recovery.toString());
            int replayed = recovery.getInt("replayed");
            long replayedUpTo = recovery.getJsonNumber("lastId").longValue();
            assertEquals(replayedUpTo - since, replayed);
            List<JsonObject> live = received.subList(0, at - replayed);
            assertConsecutiveFrom(joinedAt + 41, live);
            assertConsecutiveFrom(since + 1, received.subList(at - replayed, at));
            List<JsonObject> after = received.subList(at + 1, received.size());
            assertConsecutiveFrom(replayedUpTo + 1, after);
            assertEquals(joinedAt + 40 + 1500, id(after.get(after.size() - 1)));
        }
    }

    @Test
    void whatCannotBeRecoveredIsSaidAndTheLiveStreamGoesOn() {
        String epoch;
        long lastSeen;
        try (TestSocket first = TestSocket.connected(api.live())) {
            epoch = first.established().getString("epoch");
            lastSeen = first.established().getJsonNumber("lastId").longValue();
        }
        // ~600 bytes each in the history's reckoning: 3000 of them are more than its megabyte.
        api.fire("count=3000");
        long last = lastSeen + 3000;

        last = assertNotRecovered(resumeUri(lastSeen, epoch), last,
                "events after " + lastSeen + " are no longer kept");
        last = assertNotRecovered(resumeUri(last - 10, "another-epoch"), last,
                "epoch another-epoch has ended: the server restarted or its history was reset");
        last = assertNotRecovered(resumeUri(last + 5, epoch), last, "event " + (last + 5) + " has not happened yet");
        last = assertNotRecovered(URI.create(api.live() + "?since=ten&epoch=" + epoch), last,
                "resume needs since (a whole number, 0 or more) and epoch (a string);"
                        + " an event stream's Last-Event-ID is <epoch>:<id>");

        // Kept, but more than the client's queue holds (256 KiB): the client is told to reload, not closed as slow.
        long before = last;
        for (int batch = 0; batch < 3; batch++) {
            assertEquals(202, api.publish(Api.memoryOperations(batch * 100, 100, 1_000)).statusCode());
        }
        assertNotRecovered(resumeUri(before, epoch), before + 300, "300 missed events (");
    }

    @Test
    void theHistoryKeepsToItsBoundInBytesUnderLoad() {
        // Twice before measuring: the container's own buffer pools and caches reach their size. After that a leak of
        // the history grows the heap by tens of MB in every pass, while a container's pool (Open Liberty's moves by
        // up to 15 MB) grows in a step now and then: so the smaller growth of two passes is what must stay small.
        publishTwentyThousandEventsOf2Kb();
        publishTwentyThousandEventsOf2Kb();
        long heapBefore = heapAfterGc();
        publishTwentyThousandEventsOf2Kb();
        long heapBetween = heapAfterGc();
        publishTwentyThousandEventsOf2Kb();
        double bytes = api.metric("activity_live_history_bytes", "");
        double events = api.metric("activity_live_history_events", "");
        long heapAfter = heapAfterGc();
        System.out.printf("history after 20,000 events of 2 KB: %.0f events, %.0f bytes;"
                + " heap %.1f -> %.1f -> %.1f MB%n",
                events, bytes, heapBefore / 1e6, heapBetween / 1e6, heapAfter / 1e6);
        assertTrue(bytes <= HISTORY_MAX_BYTES && bytes > HISTORY_MAX_BYTES * 0.9, "history bytes " + bytes);
        assertTrue(events >= 200 && events <= 260, "about 1 MB / 4.1 KB: " + events);
        long smallerGrowth = Math.min(heapBetween - heapBefore, heapAfter - heapBetween);
        assertTrue(smallerGrowth < 12_000_000,
                "heap grew by at least " + smallerGrowth + " bytes in each of two passes");
    }

    /** 40 MB through a 1 MB history. */
    private void publishTwentyThousandEventsOf2Kb() {
        for (int batch = 0; batch < 200; batch++) {
            assertEquals(202, api.publish(Api.memoryOperations(batch * 100, 100, 2_000)).statusCode());
        }
    }

    @Test
    @SuppressWarnings("try") // the second client only has to be connected
    void healthAndMetricsTellReadinessAndTraffic() throws Exception {
        HttpResponse<String> ready = api.health("ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject check = parse(ready.body()).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(each -> each.getString("name").equals("activity-live")).findFirst().orElseThrow();
        assertEquals("UP", check.getString("status"));
        HttpResponse<String> live = api.health("live");
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"name\":\"activity-live-timers\",\"status\":\"UP\""), live.body());

        double events = api.metric("activity_live_events_total", "");
        double deliveries = api.metric("activity_live_deliveries_total", "");
        double refusedOrigin = api.metric("activity_live_refused_connections_total", "reason=\"origin\"");
        double replayed = api.metric("activity_live_replayed_events_total", "");
        try (TestSocket one = TestSocket.connected(api.live()); TestSocket two = TestSocket.connected(api.live())) {
            long since = one.established().getJsonNumber("lastId").longValue();
            api.fire("count=10");
            one.eventsUntilQuiet(QUIET);
            assertEquals(2, api.metric("activity_live_clients", ""));
            assertEquals(events + 10, api.metric("activity_live_events_total", ""));
            assertEquals(deliveries + 20, api.metric("activity_live_deliveries_total", ""));
            one.send("{\"action\":\"resume\",\"since\":" + since + ",\"epoch\":\""
                    + one.established().getString("epoch") + "\"}");
            one.nextMatching(message -> message.getString("type").equals("recovery"));
            assertEquals(replayed + 10, api.metric("activity_live_replayed_events_total", ""));
        }
        assertEquals(403, RawSocket.handshake(api.live(), Map.of("Origin", "https://elsewhere.example")).status());
        assertEquals(refusedOrigin + 1, api.metric("activity_live_refused_connections_total", "reason=\"origin\""));
    }

    @Test
    void withTheDerivedLoadOffNoLoadChangeIsMadeAndPublishedOnesStillPass() {
        try (TestSocket client = TestSocket.connected(URI.create(api.live() + "?types=load_change"))) {
            api.fire("count=500");
            assertEquals(List.of(), client.eventsUntilQuiet(Duration.ofMillis(2_500)), "nothing derived");
            assertEquals(202, api.publish("{\"type\":\"load_change\",\"data\":{\"loadLevel\":0.9,\"activeProcesses\":3,"
                    + "\"memoryOpsPerSecond\":12,\"reasoningSessions\":2,\"visualIntensity\":\"high\"}}").statusCode());
            JsonObject published = client.nextEvent();
            assertEquals("load_change", published.getString("type"));
            assertEquals(0.9, published.getJsonObject("data").getJsonNumber("loadLevel").doubleValue());
            assertTrue(published.containsKey("id"));
        }
    }

    /** Connects with {@code resume}, checks the refusal and that live events follow; answers the new last id. */
    private long assertNotRecovered(URI resume, long lastId, String reasonStart) {
        try (TestSocket client = TestSocket.connected(resume)) {
            JsonObject answer = client.nextEvent();
            assertEquals("recovery", answer.getString("type"), answer.toString());
            JsonObject data = answer.getJsonObject("data");
            assertFalse(data.getBoolean("recovered"), data.toString());
            assertTrue(data.getString("reason").startsWith(reasonStart), data.toString());
            assertEquals(lastId, data.getJsonNumber("lastId").longValue());
            assertEquals(client.established().getString("epoch"), data.getString("epoch"));
            api.fire("count=1");
            assertEquals(lastId + 1, id(client.nextEvent()), "the live stream goes on");
        }
        return lastId + 1;
    }

    private URI resumeUri(long since, String epoch) {
        return URI.create(api.live() + "?since=" + since + "&epoch=" + epoch);
    }

    /** The readiness check's data: {@code epoch} and {@code lastId} of the stream (health data are strings). */
    /** A health check's datum: a string on Payara and Liberty, a number on WildFly. */
    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }

    private JsonObject stream() {
        return parse(api.health("ready").body()).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(each -> each.getString("name").equals("activity-live")).findFirst().orElseThrow()
                .getJsonObject("data");
    }

    private long heapAfterGc() {
        return Long.parseLong(Api.send(HttpRequest.newBuilder(api.http("test/diagnostics/heap-after-gc")).GET())
                .body());
    }

    private static int indexOfRecovery(List<JsonObject> messages) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).getString("type").equals("recovery")) {
                return i;
            }
        }
        throw new AssertionError("no recovery answer among " + messages.size() + " messages");
    }

    private static void assertConsecutiveFrom(long first, List<JsonObject> events) {
        for (int i = 0; i < events.size(); i++) {
            assertEquals(first + i, id(events.get(i)), "event " + i + " of " + events.size());
        }
    }

    /** Ids already prove the order; this checks that they follow the order each producer fired in. */
    private static void assertPerProducerOrder(List<JsonObject> events) {
        Map<String, Integer> lastSequence = new HashMap<>();
        for (JsonObject event : events) {
            String[] memoryId = event.getJsonObject("data").getString("memoryId").split("-");
            if (memoryId.length == 2) {
                int sequence = Integer.parseInt(memoryId[1]);
                Integer previous = lastSequence.put(memoryId[0], sequence);
                assertTrue(previous == null || previous == sequence - 1, "producer " + memoryId[0] + ": " + previous
                        + " then " + sequence);
            }
        }
    }

    private static long id(JsonObject event) {
        return event.getJsonNumber("id").longValue();
    }
}
