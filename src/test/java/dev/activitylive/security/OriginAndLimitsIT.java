package dev.activitylive.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.RawSocket;
import dev.activitylive.testsupport.ServerUnderTest;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * With authentication off (the default): which pages may open a WebSocket (Origin), and what a client may send
 * (size, rate, shape) — each abuse closes the abuser with its documented code and costs the other clients nothing.
 */
class OriginAndLimitsIT extends DeployedTest {

    private static final String LISTED = "http://dashboard.example:3000";
    private static final int MAX_BYTES = 256;
    private static final int PER_SECOND = 5;
    private static final Duration QUIET = Duration.ofMillis(500);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of(
                "activity.live.allowed-origins", LISTED + ", https://other.example",
                "activity.live.client-message-max-bytes", String.valueOf(MAX_BYTES),
                "activity.live.client-messages-per-second", String.valueOf(PER_SECOND)));
    }

    @Test
    void handshakesWithoutOriginFromTheOwnHostOrAListedOriginAreUpgraded() throws Exception {
        URI live = api.live();
        String ownOrigin = "http://" + live.getHost() + ":" + live.getPort();
        assertEquals(101, RawSocket.handshake(live, Map.of()).status(), "no Origin: not a browser");
        assertEquals(101, RawSocket.handshake(live, Map.of("Origin", ownOrigin)).status(), "a page of this server");
        assertEquals(101, RawSocket.handshake(live, Map.of("Origin", LISTED)).status(), "listed");
        assertEquals(101, RawSocket.handshake(live, Map.of("Origin", "HTTP://Dashboard.Example:3000")).status(),
                "origins are case-insensitive");
        int port = live.getPort();
        assertEquals(101, RawSocket.handshake(live, Map.of("Origin", "http://localhost:" + port,
                "Host", "127.0.0.1:" + port)).status(), "a page at localhost, the server at 127.0.0.1: one machine");
        assertEquals(101, RawSocket.handshake(live, Map.of("Origin", "http://127.0.0.1:" + port,
                "Host", "localhost:" + port)).status());
        assertEquals(403, RawSocket.handshake(live, Map.of("Origin", "http://localhost:" + (port + 1),
                "Host", "127.0.0.1:" + port)).status(), "another port of this machine is another server");
        try (TestSocket browser = TestSocket.connected(live, Map.of("Origin", LISTED))) {
            api.fire("count=1");
            assertEquals("memory_operation", browser.nextEvent().getString("type"));
        }
    }

    @Test
    void anyOtherOriginIsRefusedWith403BeforeTheUpgrade() throws Exception {
        URI live = api.live();
        for (String origin : List.of("http://evil.example", "null", "http://dashboard.example:3001",
                "https://dashboard.example:3000", "http://" + live.getHost() + ":" + (live.getPort() + 1))) {
            RawSocket.Answer answer = RawSocket.handshake(live, Map.of("Origin", origin));
            assertEquals(403, answer.status(), origin + ": " + answer);
            assertEquals("{\"error\":\"origin not allowed: add it to activity.live.allowed-origins if pages from it "
                    + "may connect\"}", answer.body(), origin);
            assertEquals(null, answer.headers().get("upgrade"), origin);
        }
        assertEquals(0, api.clientCount(), "nothing was admitted");
    }

    @Test
    void whatIsNoHandshakeByRfc6455GetsAJson4xxNamingTheProblemBeforeAnyUpgrade() throws Exception {
        URI live = api.live();
        Map<String, String> plain = new HashMap<>();
        for (String header : List.of("Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version")) {
            plain.put(header, null);
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, RawSocket.Answer> answers = new LinkedHashMap<>();
        record Case(String name, int status, RawSocket.Answer answer) {
        }
        for (Case each : List.of(
                new Case("no key", 400, RawSocket.handshake(live, without("Sec-WebSocket-Key"))),
                new Case("empty key", 400, RawSocket.handshake(live, Map.of("Sec-WebSocket-Key", ""))),
                new Case("key of 15 bytes", 400, RawSocket.handshake(live,
                        Map.of("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAA"))),
                new Case("key not base64", 400, RawSocket.handshake(live,
                        Map.of("Sec-WebSocket-Key", "!!!!!!!!!!!!!!!!!!!!!!=="))),
                new Case("no Connection", 400, RawSocket.handshake(live, without("Connection"))),
                new Case("Connection without upgrade", 400, RawSocket.handshake(live,
                        Map.of("Connection", "keep-alive"))),
                new Case("Upgrade not websocket", 400, RawSocket.handshake(live, Map.of("Upgrade", "h2c"))),
                new Case("HTTP/1.0", 400, RawSocket.request(live, "GET", "HTTP/1.0", Map.of())),
                new Case("version 8", 426, RawSocket.handshake(live, Map.of("Sec-WebSocket-Version", "8"))),
                new Case("no version", 426, RawSocket.handshake(live, without("Sec-WebSocket-Version"))),
                new Case("POST with upgrade headers", 405, RawSocket.request(live, "POST", "HTTP/1.1",
                        Map.of("Content-Length", "0"))),
                new Case("plain GET", 426, RawSocket.handshake(live, plain)))) {
            expected.put(each.name(), each.status());
            answers.put(each.name(), each.answer());
        }
        for (Map.Entry<String, RawSocket.Answer> each : answers.entrySet()) {
            RawSocket.Answer answer = each.getValue();
            assertEquals(expected.get(each.getKey()), answer.status(), each.getKey() + ": " + answer);
            assertTrue(answer.headers().getOrDefault("content-type", "").startsWith("application/json"), answer.toString());
            assertTrue(answer.body().matches("\\{\"error\":\"[^\"]+\"}"), each.getKey() + ": " + answer);
            assertFalse(answer.body().contains("Exception") || answer.body().contains("org.glassfish")
                    || answer.body().contains("dev.activitylive"), answer.toString());
        }
        assertEquals("13", answers.get("version 8").headers().get("sec-websocket-version"));
        assertEquals("websocket", answers.get("plain GET").headers().get("upgrade"));
        assertEquals("GET", answers.get("POST with upgrade headers").headers().get("allow"));
        assertEquals("{\"error\":\"a WebSocket handshake needs one Sec-WebSocket-Key: the base64 of 16 random bytes\"}",
                answers.get("key of 15 bytes").body());
        var viaHttpClient = Api.send(java.net.http.HttpRequest.newBuilder(api.http("api/v1/activity/live")).GET());
        assertEquals(426, viaHttpClient.statusCode(), viaHttpClient.body());
        assertEquals(0, api.clientCount(), "nothing was admitted");
    }

    /** The standard handshake headers without {@code name}. */
    private static Map<String, String> without(String name) {
        Map<String, String> headers = new HashMap<>();
        headers.put(name, null);
        return headers;
    }

    @Test
    void aTextMessageOverTheLimitClosesWith1009AndOneAtTheLimitIsRead() throws Exception {
        try (TestSocket reader = TestSocket.connected(api.live());
             RawSocket abuser = RawSocket.connect(api.live(), 10_000)) {
            String atLimit = subscribe("memory_operation", MAX_BYTES);
            assertEquals(MAX_BYTES, atLimit.getBytes(StandardCharsets.UTF_8).length);
            abuser.sendText(atLimit);
            abuser.sendText("{\"action\":\"ping\"}");
            assertEquals("pong", pongOrEvent(abuser), "the message at the limit was read, the client stays");

            // One byte over, made of two-byte characters: the limit is in bytes, not characters.
            String overInBytes = "{\"action\":\"ping\",\"x\":\"" + "é".repeat((MAX_BYTES - 23) / 2 + 1) + "\"}";
            assertTrue(overInBytes.length() <= MAX_BYTES
                    && overInBytes.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES);
            CompletableFuture<String> fired = CompletableFuture.supplyAsync(() -> api.fire("count=200").body());
            abuser.sendText(overInBytes);
            RawSocket.Frame close = abuser.readUntilClose();
            assertEquals(1009, close.closeCode());
            if (ServerUnderTest.current().refusesFramesWithOurReasons()) {
                assertEquals("Message too big", close.closeReason());
            }
            fired.join();
            assertEquals(200, reader.eventsUntilQuiet(QUIET).size(), "the other client lost nothing");
        }
        api.awaitClientCount(0);
    }

    @DisabledIfSystemProperty(named = "it.server", matches = "wildfly", disabledReason = "WildFly 39.0.1 answered a "
            + "binary message one byte over the limit with nothing within 10 s: not explained yet")
    @Test
    void binaryAndHugeMessagesOverTheLimitCloseWith1009() throws Exception {
        try (RawSocket binary = RawSocket.connect(api.live(), 10_000);
             RawSocket huge = RawSocket.connect(api.live(), 10_000)) {
            binary.sendFrame(0x2, new byte[MAX_BYTES + 1]);
            assertEquals(1009, binary.readUntilClose().closeCode());
            // 4 MiB announced, only its first KiB sent: refused at the header, the rest is never needed.
            huge.sendRaw(RawSocket.header(0x1, true, 4 << 20, new byte[4]));
            huge.sendRaw(new byte[1024]);
            assertEquals(1009, huge.readUntilClose().closeCode());
        }
        api.awaitClientCount(0);
    }

    @Test
    void aMessageSplitIntoFramesIsLimitedAsAWhole() throws Exception {
        try (RawSocket split = RawSocket.connect(api.live(), 10_000)) {
            byte[] half = new byte[MAX_BYTES / 2 + 1];
            java.util.Arrays.fill(half, (byte) ' ');
            split.sendFrame(0x1, half, false);
            split.sendFrame(0x0, half, true);
            RawSocket.Frame close = split.readUntilClose();
            assertEquals(1009, close.closeCode(), close.closeReason());
        }
        api.awaitClientCount(0);
    }

    @Test
    void aClientOverTheMessageRateIsClosedWith1008AfterItsBurst() throws Exception {
        try (TestSocket reader = TestSocket.connected(api.live());
             RawSocket flooder = RawSocket.connect(api.live(), 10_000)) {
            for (int i = 0; i < PER_SECOND * 4; i++) {
                flooder.sendText("{\"action\":\"ping\"}");
            }
            int pongs = 0;
            RawSocket.Frame frame;
            while ((frame = flooder.read()).opcode() != RawSocket.Frame.CLOSE) {
                pongs += frame.text().contains("\"pong\"") ? 1 : 0;
            }
            assertEquals(1008, frame.closeCode());
            assertEquals("Too many messages", frame.closeReason());
            // At most its burst was read; replies to it may be cut by the close, which does not wait for them.
            assertTrue(pongs <= PER_SECOND, "answered no more than its burst, then closed: " + pongs);
            api.fire("count=3");
            assertEquals(3, reader.eventsUntilQuiet(QUIET).size());
        }
    }

    @Test
    void aClientWithinTheRateIsNeverClosed() throws Exception {
        try (RawSocket steady = RawSocket.connect(api.live(), 10_000)) {
            for (int i = 0; i < PER_SECOND * 3; i++) {
                steady.sendText("{\"action\":\"ping\"}");
                assertEquals("pong", pongOrEvent(steady));
                Api.pause(Duration.ofMillis(1_000 / PER_SECOND + 20));
            }
        }
    }

    @Test
    void oversizedTypesArraysAndDeepNestingCostBoundedWorkByDocumentedRules() throws Exception {
        try (TestSocket client = TestSocket.connected(api.live())) {
            // A types array longer than the number of types is read whole: duplicates and unknowns are skipped.
            String longTypes = "{\"action\":\"subscribe\",\"types\":[" + String.join(",",
                    Collections.nCopies(12, "\"system_event\"")) + ",\"x\",1,null,[]]}";
            assertTrue(longTypes.length() <= MAX_BYTES);
            client.send(longTypes);
            // Nested deeper than 32 (within the size limit): ignored like any message that is not a command.
            client.send("{\"action\":\"unsubscribe\",\"types\":" + "[".repeat(40) + "]".repeat(40) + "}");
            client.send("{\"action\":\"ping\"}");
            assertEquals("pong", client.nextEvent().getJsonObject("data").getString("message"));
            api.fire("count=1");
            assertEquals(202, api.publish("{\"type\":\"system_event\",\"data\":{\"event\":\"startup\"}}").statusCode());
            List<JsonObject> events = client.eventsUntilQuiet(QUIET);
            assertEquals(List.of("system_event"), events.stream().map(e -> e.getString("type")).toList(),
                    "subscribed to system_event only: the deep unsubscribe was ignored");
            assertFalse(client.isClosed());
            assertEquals(List.of("system_event"),
                    api.clientList().get(0).getJsonArray("subscribedTypes").getValuesAs(jakarta.json.JsonString.class)
                            .stream().map(jakarta.json.JsonString::getString).toList());
        }
    }

    /** A subscribe message padded with spaces to exactly {@code bytes} bytes. */
    private static String subscribe(String type, int bytes) {
        String message = "{\"action\":\"subscribe\",\"types\":[\"" + type + "\"]}";
        return message.substring(0, message.length() - 1) + " ".repeat(bytes - message.length()) + "}";
    }

    /** The {@code data.message} of the next text frame, skipping the connection_established and pings. */
    private static String pongOrEvent(RawSocket socket) throws Exception {
        while (true) {
            RawSocket.Frame frame = socket.read();
            if (frame.opcode() == RawSocket.Frame.TEXT && !frame.text().contains("connection_established")) {
                return jakarta.json.Json.createReader(new java.io.StringReader(frame.text())).readObject()
                        .getJsonObject("data").getString("message");
            }
        }
    }
}
