package dev.activitylive.endpoint;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket side of PROTOCOL.md against a real Payara Micro: connection, subscriptions, ping, invalid input,
 * heartbeat, idle cleanup and the client limit. One deployment for all, with short timers.
 */
class LiveProtocolIT extends DeployedTest {

    private static final int MAX_CLIENTS = 20;
    private static final Pattern CLIENT_ID = Pattern.compile("ws-\\d{13}-[0-9a-z]{7}");
    private static final String REFUSED = "activity_live_refused_connections_total";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of(
                "activity.live.heartbeat-interval-ms", "1000",
                "activity.live.client-timeout-ms", "3000",
                "activity.live.max-clients", String.valueOf(MAX_CLIENTS)));
    }

    @Test
    void everyClientFirstGetsConnectionEstablishedWithItsOwnId() {
        Set<String> ids = new HashSet<>();
        List<TestSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                TestSocket socket = TestSocket.connect(api.live());
                sockets.add(socket);
                JsonObject first = socket.next();
                assertEquals("connection_established", first.getString("type"));
                String message = first.getJsonObject("data").getString("message");
                assertTrue(message.startsWith("Connected as "), message);
                String id = message.substring("Connected as ".length());
                assertTrue(CLIENT_ID.matcher(id).matches(), id);
                ids.add(id);
            }
            assertEquals(5, ids.size(), "ids are distinct: " + ids);
            String list = api.clients().body();
            ids.forEach(id -> assertTrue(list.contains(id), list));
        } finally {
            sockets.forEach(TestSocket::close);
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            socket.send("{\"action\":\"ping\"}");
            JsonObject pong = socket.nextEvent();
            assertEquals("heartbeat", pong.getString("type"));
            assertEquals("pong", pong.getJsonObject("data").getString("message"));
            assertTrue(pong.getString("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        }
    }

    @Test
    void subscriptionsFilterBroadcastsAndEmptyMeansAll() {
        try (TestSocket filtered = TestSocket.connected(api.live());
             TestSocket everything = TestSocket.connected(api.live())) {
            filtered.send("{\"action\":\"subscribe\",\"types\":[\"session_event\"]}");
            awaitSubscriptions(filtered, "session_event");

            publishMemoryOperation("m-1");
            publishSessionEvent("s-1");

            assertEquals("s-1", filtered.nextEvent().getJsonObject("data").getString("sessionId"),
                    "the memory_operation published first was filtered out");
            assertEquals("memory_operation", everything.nextEvent().getString("type"));
            assertEquals("session_event", everything.nextEvent().getString("type"));
        }
    }

    @Test
    void invalidTypeNamesAreIgnored() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            socket.send("{\"action\":\"subscribe\",\"types\":[\"bogus\",5,null,{\"a\":1},\"MEMORY_OPERATION\"]}");
            awaitSubscriptions(socket);
            publishMemoryOperation("still-everything");
            assertEquals("still-everything", socket.nextEvent().getJsonObject("data").getString("memoryId"),
                    "only invalid names: the set stays empty, which means every type");

            socket.send("{\"action\":\"subscribe\",\"types\":[\"bogus\",\"session_event\",42]}");
            awaitSubscriptions(socket, "session_event");
        }
    }

    @Test
    void heartbeatAndConnectionTypesAreValidSubscriptions() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            socket.send("{\"action\":\"subscribe\",\"types\":[\"heartbeat\",\"connection_established\"]}");
            awaitSubscriptions(socket, "connection_established", "heartbeat");
            publishMemoryOperation("filtered-out");
            socket.send("{\"action\":\"ping\"}");
            JsonObject next = socket.nextEvent();
            assertEquals("pong", next.getJsonObject("data").getString("message"), "got " + next);
        }
    }

    @Test
    void unsubscribeRemovesTypesAndTheLastOneMeansEverythingAgain() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            socket.send("{\"action\":\"subscribe\",\"types\":[\"memory_operation\",\"session_event\"]}");
            socket.send("{\"action\":\"unsubscribe\",\"types\":[\"memory_operation\"]}");
            awaitSubscriptions(socket, "session_event");
            publishMemoryOperation("m-2");
            publishSessionEvent("s-2");
            assertEquals("session_event", socket.nextEvent().getString("type"));

            socket.send("{\"action\":\"unsubscribe\",\"types\":[\"session_event\",\"bogus\"]}");
            awaitSubscriptions(socket);
            publishMemoryOperation("m-3");
            assertEquals("m-3", socket.nextEvent().getJsonObject("data").getString("memoryId"));
        }
    }

    @Test
    void invalidMessagesAreIgnoredAndTheConnectionStaysOpen() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            socket.send("{\"action\":\"subscribe\",\"types\":[\"session_event\"]}");
            for (String junk : List.of("not json", "{", "", "null", "42", "\"subscribe\"", "[]", "{}",
                    "{\"action\":\"dance\"}", "{\"action\":\"subscribe\",\"types\":\"memory_operation\"}",
                    "{\"action\":\"unsubscribe\",\"types\":{\"0\":\"session_event\"}}",
                    "{\"action\":[\"ping\"]}", "{\"action\":\"ping\"} trailing")) {
                socket.send(junk);
            }
            socket.send("{\"action\":\"ping\"}");
            List<JsonObject> answers = socket.eventsUntilQuiet(Duration.ofMillis(500));
            assertEquals(1, answers.size(), "only the last ping was answered, none of the junk: " + answers);
            assertEquals("pong", answers.get(0).getJsonObject("data").getString("message"));
            awaitSubscriptions(socket, "session_event");
            assertFalse(socket.isClosed());
        }
    }

    @Test
    void binaryFramesAreReadAsUtf8Json() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            socket.sendBinary("{\"action\":\"subscribe\",\"types\":[\"system_event\"]}".getBytes(StandardCharsets.UTF_8));
            awaitSubscriptions(socket, "system_event");
            socket.sendBinary(new byte[] {(byte) 0xff, (byte) 0xfe, 0});
            socket.sendBinary("{\"action\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals("pong", socket.nextEvent().getJsonObject("data").getString("message"));
        }
    }

    @Test
    void heartbeatSendsAPingFrameAndAKeepaliveToEveryClient() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            socket.send("{\"action\":\"subscribe\",\"types\":[\"memory_operation\"]}");
            JsonObject keepalive = socket.nextMatching(TestSocket::isKeepalive);
            assertEquals("heartbeat", keepalive.getString("type"));
            assertTrue(socket.pings() >= 1, "a WebSocket ping frame came with the keepalive");
            int pings = socket.pings();
            socket.nextMatching(TestSocket::isKeepalive);
            assertTrue(socket.pings() > pings, "one ping per heartbeat");
        }
    }

    @Test
    void aClientThatNeitherTalksNorAnswersPingsIsClosedWith1000() throws Exception {
        try (TestSocket answersPings = TestSocket.connected(api.live());
             RawSocket silent = RawSocket.connect(api.live(), 10_000)) {
            RawSocket.Frame first = silent.read();
            assertTrue(first.text().contains("connection_established"), first.text());
            long start = System.nanoTime();
            RawSocket.Frame close = silent.readUntilClose();
            long idleMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertEquals(1000, close.closeCode());
            assertEquals("Connection closed", close.closeReason());
            assertTrue(idleMillis >= 2_900, "closed only after the 3 s timeout, was " + idleMillis + " ms");

            assertFalse(answersPings.isClosed(), "a client answering pings (pong = activity) stays");
            answersPings.send("{\"action\":\"ping\"}");
            assertEquals("pong", answersPings.nextEvent().getJsonObject("data").getString("message"));
        }
    }

    @Test
    void everyMessageCountsAsActivityEvenInvalidOnes() throws Exception {
        try (RawSocket talker = RawSocket.connect(api.live(), 10_000)) {
            talker.read();
            long start = System.nanoTime();
            while (System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
                talker.sendText("not json, still activity");
                Api.pause(Duration.ofMillis(500));
            }
            assertEquals(1, api.clientCount(), "talking for 5 s kept the client past the 3 s timeout");
            RawSocket.Frame close = talker.readUntilClose();
            assertEquals(1000, close.closeCode(), "silence then closes it");
        }
    }

    @Test
    void theClientAfterTheMaximumGets1013AndNothingElseUntilASlotFrees() throws Exception {
        List<TestSocket> full = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CLIENTS; i++) {
                full.add(TestSocket.connected(api.live()));
            }
            double refusedBefore = api.metric(REFUSED, "reason=\"max_clients\"");
            try (RawSocket refused = RawSocket.connect(api.live(), 10_000)) {
                RawSocket.Frame only = refused.read();
                assertEquals(RawSocket.Frame.CLOSE, only.opcode(), "the close is the first and only frame");
                assertEquals(1013, only.closeCode());
                assertEquals("Maximum clients reached", only.closeReason());
            }
            assertEquals(refusedBefore + 1, api.metric(REFUSED, "reason=\"max_clients\""));
            api.awaitClientCount(MAX_CLIENTS);

            full.remove(0).close();
            api.awaitClientCount(MAX_CLIENTS - 1);
            full.add(TestSocket.connected(api.live()));
            api.awaitClientCount(MAX_CLIENTS);
        } finally {
            full.forEach(TestSocket::close);
        }
    }

    private void awaitSubscriptions(TestSocket socket, String... types) {
        // The server applies a subscription when it reads the message; a ping sent after it is answered after it.
        socket.send("{\"action\":\"ping\"}");
        socket.nextMatching(message -> "pong".equals(message.getJsonObject("data").getString("message", "")));
        JsonObject client = api.clientList().stream()
                .filter(entry -> entry.getString("clientId").equals(socket.id()))
                .findFirst().orElseThrow(() -> new AssertionError(socket.id() + " is not in the client list"));
        assertEquals(List.of(types), client.getJsonArray("subscribedTypes").getValuesAs(JsonString::getString));
    }

    private void publishMemoryOperation(String memoryId) {
        assertEquals(202, api.publish("{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\","
                + "\"memoryId\":\"" + memoryId + "\",\"userId\":\"u\",\"success\":true}}").statusCode());
    }

    private void publishSessionEvent(String sessionId) {
        assertEquals(202, api.publish("{\"type\":\"session_event\",\"data\":{\"event\":\"created\","
                + "\"sessionId\":\"" + sessionId + "\"}}").statusCode());
    }
}
