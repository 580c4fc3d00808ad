package dev.activitylive.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.TestEventStream;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Filters on the data: a subscription narrows by fields of the events' data, in a subscribe message or as connect
 * options; the server filters before it writes, live, in a replay, in the state on join and on the event stream; a
 * filter that breaks the rules is ignored and the connection kept; the client list shows it.
 */
class DataFilterIT extends DeployedTest {

    private static final Duration QUIET = Duration.ofMillis(700);

    @Deployment(testable = false)
    static WebArchive deployment() {
        // Heartbeats often: an event stream that left is noticed at the next write to it.
        return Deployments.activityLive(Map.of("activity.live.load.derived", "off",
                "activity.live.heartbeat-interval-ms", "500"));
    }

    @Test
    void aSubscribeMessageNarrowsByTheDataAndAFieldAnEventDoesNotCarryLeavesItAlone() {
        try (TestSocket oneSession = TestSocket.connected(api.live());
             TestSocket allButOtherSessions = TestSocket.connected(api.live())) {
            oneSession.send("{\"action\":\"subscribe\",\"types\":[\"reasoning_update\"],"
                    + "\"filter\":{\"sessionId\":\"s-1\"}}");
            allButOtherSessions.send("{\"action\":\"subscribe\",\"types\":[],\"filter\":{\"sessionId\":[\"s-1\"]}}");
            awaitFiltered(2);
            publishMix();
            assertEquals(List.of("reasoning_update s-1"), describe(oneSession.eventsUntilQuiet(QUIET)));
            assertEquals(List.of("reasoning_update s-1", "session_event s-1", "load_change -", "memory_operation -"),
                    describe(allButOtherSessions.eventsUntilQuiet(QUIET)));

            allButOtherSessions.send("{\"action\":\"subscribe\",\"types\":[],\"filter\":{}}");
            awaitFiltered(1);
            publishMix();
            assertEquals(6, allButOtherSessions.eventsUntilQuiet(QUIET).size(), "{} filters nothing any more");
        }
    }

    @Test
    void connectOptionsFilterFromTheFirstEventAndTheClientListShowsIt() {
        URI uri = api.live("types=memory_operation&operation=store,recall&sector=semantic");
        try (TestSocket client = TestSocket.connected(uri)) {
            JsonObject listed = api.clientList().get(0);
            assertEquals("{\"operation\":[\"recall\",\"store\"],\"sector\":[\"semantic\"]}",
                    listed.getJsonObject("filter").toString());
            assertEquals(202, api.publish("[" + String.join(",", memory("store", "semantic"),
                    memory("recall", "episodic"), memory("delete", "semantic"), memory("recall", "semantic"))
                    + "]").statusCode());
            assertEquals(List.of("store semantic", "recall semantic"), client.eventsUntilQuiet(QUIET).stream()
                    .map(event -> event.getJsonObject("data").getString("operation") + " "
                            + event.getJsonObject("data").getString("sector")).toList());
        }
        try (TestSocket plain = TestSocket.connected(api.live())) {
            assertTrue(!api.clientList().get(0).containsKey("filter"), "no filter, no field");
        }
    }

    @Test
    void aFilterThatBreaksTheRulesIsIgnoredAndTheConnectionKept() {
        try (TestSocket client = TestSocket.connected(api.live())) {
            client.send("{\"action\":\"subscribe\",\"types\":[\"reasoning_update\"],\"filter\":{\"bogus\":\"x\"}}");
            client.send("{\"action\":\"subscribe\",\"types\":[\"reasoning_update\"],\"filter\":{\"sessionId\":7}}");
            client.send("{\"action\":\"ping\"}");
            assertEquals("pong", client.nextEvent().getJsonObject("data").getString("message"));
            assertTrue(!api.clientList().get(0).containsKey("filter"));
            assertEquals(List.of(), api.clientList().get(0).getJsonArray("subscribedTypes"),
                    "the whole message was ignored, its types too");
        }
    }

    /** A replay, the state on join and the event stream give only what the filter lets through live. */
    @Test
    void replayStateAndEventStreamHonourTheFilter() {
        String epoch;
        long since;
        try (TestSocket first = TestSocket.connected(api.live())) {
            epoch = first.established().getString("epoch");
            since = first.established().getJsonNumber("lastId").longValue();
        }
        publishMix();
        try (TestSocket resumed = TestSocket.connected(api.live("sessionId=s-2&since=" + since + "&epoch=" + epoch))) {
            List<JsonObject> replay = resumed.eventsUntilQuiet(QUIET);
            assertEquals(List.of("reasoning_update s-2", "session_event s-2", "load_change -", "memory_operation -",
                    "recovery -"), describe(replay));
            assertEquals(4, replay.get(4).getJsonObject("data").getInt("replayed"));
        }
        try (TestSocket joined = TestSocket.connected(api.live("snapshot=true&types=reasoning_update&sessionId=s-1"))) {
            List<JsonObject> state = joined.eventsUntilQuiet(QUIET);
            assertEquals(List.of("reasoning_update s-1", "snapshot -"), describe(state));
        }
        try (TestEventStream stream = TestEventStream.open(URI.create(api.http("api/v1/activity/stream")
                + "?types=reasoning_update,session_event&sessionId=s-2"))) {
            stream.next();
            publishMix();
            assertEquals(List.of("reasoning_update s-2", "session_event s-2"), describe(stream.eventsUntilQuiet(QUIET)
                    .stream().map(TestEventStream.Event::json).toList()));
        }
    }

    /** Six events: an update and a session event of s-1 and of s-2, a load change and a memory operation. */
    private void publishMix() {
        assertEquals(202, api.publish("[" + String.join(",",
                "{\"type\":\"reasoning_update\",\"data\":{\"sessionId\":\"s-1\",\"stage\":\"plan\",\"progress\":10}}",
                "{\"type\":\"reasoning_update\",\"data\":{\"sessionId\":\"s-2\",\"stage\":\"plan\",\"progress\":20}}",
                "{\"type\":\"session_event\",\"data\":{\"event\":\"updated\",\"sessionId\":\"s-1\"}}",
                "{\"type\":\"session_event\",\"data\":{\"event\":\"updated\",\"sessionId\":\"s-2\"}}",
                "{\"type\":\"load_change\",\"data\":{\"loadLevel\":0.5,\"activeProcesses\":1,\"memoryOpsPerSecond\":1,"
                        + "\"reasoningSessions\":2,\"visualIntensity\":\"medium\"}}",
                memory("store", "semantic")) + "]").statusCode());
    }

    /** Waits until the client list shows {@code filtered} clients with a filter: their messages were read. */
    private void awaitFiltered(long filtered) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (api.clientList().stream().filter(client -> client.containsKey("filter")).count() == filtered) {
                return;
            }
            Api.pause(Duration.ofMillis(50));
        }
        throw new AssertionError("the subscribe messages were not applied: " + api.clientList());
    }

    private static String memory(String operation, String sector) {
        return "{\"type\":\"memory_operation\",\"data\":{\"operation\":\"" + operation + "\",\"userId\":\"u-1\","
                + "\"sector\":\"" + sector + "\",\"success\":true}}";
    }

    /** Each message as {@code type sessionId} ({@code -} where it has none). */
    private static List<String> describe(List<JsonObject> messages) {
        return messages.stream().map(message -> message.getString("type") + " "
                + (message.get("data") instanceof JsonObject data ? data.getString("sessionId", "-") : "-")).toList();
    }
}
