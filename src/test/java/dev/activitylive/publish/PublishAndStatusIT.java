package dev.activitylive.publish;

import static dev.activitylive.testsupport.Api.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.http.ApiPaths;
import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.RawSocket;
import dev.activitylive.testsupport.ServerUnderTest;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The HTTP boundary: {@code POST /api/v1/activity/events} (202, 400, 401, 403, 413, 415) and
 * {@code GET /api/v1/activity/clients}, with every event type round-tripped to a WebSocket client.
 */
class PublishAndStatusIT extends DeployedTest {

    private static final int MAX_BYTES = 4096;
    private static final int MAX_EVENTS = 10;

    /** One event of each type with every field, optional ones included, as a producer would post them. */
    private static final List<String> FULL_EVENTS = List.of(
            "{\"type\":\"memory_operation\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{\"operation\":\"recall\","
                    + "\"memoryId\":\"mem-7\",\"userId\":\"user-42\",\"sector\":\"episodic\",\"success\":false,\"duration\":12.5}}",
            "{\"type\":\"reasoning_update\",\"timestamp\":\"2026-11-26T07:01:40.000Z\",\"data\":{\"sessionId\":\"s-1\","
                    + "\"stage\":\"analysis\",\"progress\":0.75,\"activeStreams\":[\"analytical\",\"creative\"],\"mode\":\"parallel\"}}",
            "{\"type\":\"load_change\",\"timestamp\":\"2026-11-26T07:01:41.001Z\",\"data\":{\"loadLevel\":0.5,"
                    + "\"activeProcesses\":3,\"memoryOpsPerSecond\":42.25,\"reasoningSessions\":2,\"visualIntensity\":\"medium\"}}",
            "{\"type\":\"session_event\",\"timestamp\":\"2026-11-26T07:01:42.002Z\",\"data\":{\"event\":\"deleted\","
                    + "\"sessionId\":\"s-1\",\"userId\":\"user-42\"}}",
            "{\"type\":\"system_event\",\"timestamp\":\"2026-11-26T07:01:43.003Z\",\"data\":{\"event\":\"health_change\","
                    + "\"status\":\"degraded\",\"message\":\"memory store slow\"}}",
            "{\"type\":\"heartbeat\",\"timestamp\":\"2026-11-26T07:01:44.004Z\",\"data\":{\"message\":\"published\"}}",
            "{\"type\":\"connection_established\",\"timestamp\":\"2026-11-26T07:01:45.005Z\",\"data\":{\"message\":\"x\"}}");

    private static final int BODY_TIMEOUT_MS = 2_000;
    private static final int MAX_BODY_WAITS = 8;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of(
                "activity.live.publish.max-bytes", String.valueOf(MAX_BYTES),
                "activity.live.publish.max-events", String.valueOf(MAX_EVENTS),
                "activity.live.publish.body-timeout-ms", String.valueOf(BODY_TIMEOUT_MS),
                "activity.live.publish.max-body-waits", String.valueOf(MAX_BODY_WAITS)));
    }

    @Test
    @DisabledIfSystemProperty(named = "it.server", matches = "liberty", disabledReason = "Open Liberty offers no way "
            + "to a request's connection, so a body read waits for Liberty's own read timeout (60 s), not for "
            + "publish.body-timeout-ms; and a body that came with its head still takes a wait (docs/servers.md)")
    void publishersSendingTheirBodiesSlowlyHoldAtMostMaxBodyWaitsThreadsAndAreAnswered408Or503() throws Exception {
        // More of them than Payara's HTTP thread pool has threads (200).
        URI events = api.http("api/v1/activity/events");
        List<Socket> slow = new ArrayList<>();
        try (TestSocket socket = TestSocket.connected(api.live())) {
            long start = System.nanoTime();
            for (int i = 0; i < 250; i++) {
                Socket publisher = new Socket(events.getHost(), events.getPort());
                publisher.setSoTimeout(BODY_TIMEOUT_MS * 5);
                publisher.getOutputStream().write(("POST " + events.getRawPath() + " HTTP/1.1\r\nHost: "
                        + events.getAuthority() + "\r\nAuthorization: " + api.basic("publisher", Api.PUBLISHER_PASSWORD)
                        + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"type\":")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(publisher);
            }
            // A publisher whose body comes with its head is served meanwhile; one whose body the server would have
            // to wait for is told at once to send it again later.
            try (Socket whole = new Socket(events.getHost(), events.getPort())) {
                whole.setSoTimeout(BODY_TIMEOUT_MS * 5);
                byte[] event = ("[" + memoryOperation("meanwhile") + "]").getBytes(StandardCharsets.UTF_8);
                byte[] head = ("POST " + events.getRawPath() + " HTTP/1.1\r\nHost: " + events.getAuthority()
                        + "\r\nAuthorization: " + api.basic("publisher", Api.PUBLISHER_PASSWORD)
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + event.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] request = java.util.Arrays.copyOf(head, head.length + event.length);
                System.arraycopy(event, 0, request, head.length, event.length);
                whole.getOutputStream().write(request);
                String answer = answerOf(whole);
                assertTrue(answer.startsWith("HTTP/1.1 202"), "others are served meanwhile: " + answer);
            }
            assertEquals("meanwhile", socket.nextEvent().getJsonObject("data").getString("memoryId"));
            try (Socket headFirst = new Socket(events.getHost(), events.getPort())) {
                headFirst.setSoTimeout(BODY_TIMEOUT_MS * 5);
                headFirst.getOutputStream().write(("POST " + events.getRawPath() + " HTTP/1.1\r\nHost: "
                        + events.getAuthority() + "\r\nAuthorization: " + api.basic("publisher", Api.PUBLISHER_PASSWORD)
                        + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = answerOf(headFirst);
                assertTrue(answer.startsWith("HTTP/1.1 503") && answer.contains("Retry-After: 1"), answer);
            }

            List<String> timedOut = new ArrayList<>();
            for (Socket publisher : slow) {
                String answer = answerOf(publisher);
                if (answer.isEmpty() && !ServerUnderTest.current().answersABodyTimeout()) {
                    timedOut.add(answer); // closed at the deadline, unanswered (docs/servers.md)
                    continue;
                }
                assertTrue(answer.contains("application/json"), answer);
                assertTrue(answer.contains("Connection: close"), answer);
                if (answer.startsWith("HTTP/1.1 408")) {
                    timedOut.add(answer);
                    assertTrue(answer.endsWith("{\"error\":\"request body not received within " + BODY_TIMEOUT_MS
                            + " ms (activity.live.publish.body-timeout-ms)\"}"), answer);
                } else {
                    assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
                    assertTrue(answer.contains("Retry-After: 1"), answer);
                    assertTrue(answer.endsWith("{\"error\":\"" + MAX_BODY_WAITS + " publish requests are waiting for"
                            + " their bodies (activity.live.publish.max-body-waits): send again later\"}"), answer);
                }
            }
            assertEquals(MAX_BODY_WAITS, timedOut.size(), "as many waited for their bodies as allowed, the rest were refused");
            // Within the body timeout, not the container's own read timeout (30 s on Payara).
            assertTrue(System.nanoTime() - start < java.time.Duration.ofMillis(BODY_TIMEOUT_MS * 5L).toNanos(),
                    "answered within the body timeout");

            HttpResponse<String> again = api.publish(memoryOperation("again"));
            assertEquals(202, again.statusCode(), "sent again once the slow ones are answered: " + again.body());
            assertEquals("again", socket.nextEvent().getJsonObject("data").getString("memoryId"));

            // One whose body comes in two parts, well within the time allowed, is published like any other.
            byte[] event = ("[" + memoryOperation("in two parts") + "]").getBytes(StandardCharsets.UTF_8);
            try (Socket twoParts = new Socket(events.getHost(), events.getPort())) {
                twoParts.setSoTimeout(BODY_TIMEOUT_MS * 5);
                twoParts.getOutputStream().write(("POST " + events.getRawPath() + " HTTP/1.1\r\nHost: "
                        + events.getAuthority() + "\r\nAuthorization: " + api.basic("publisher", Api.PUBLISHER_PASSWORD)
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + event.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                twoParts.getOutputStream().write(event, 0, 10);
                twoParts.getOutputStream().flush();
                Api.pause(java.time.Duration.ofMillis(BODY_TIMEOUT_MS / 4));
                twoParts.getOutputStream().write(event, 10, event.length - 10);
                String answer = answerOf(twoParts);
                assertTrue(answer.startsWith("HTTP/1.1 202"), answer);
                assertTrue(answer.endsWith("{\"accepted\":1}"), answer);
            }
            assertEquals("in two parts", socket.nextEvent().getJsonObject("data").getString("memoryId"));
            assertEquals(List.of(), socket.eventsFor(java.time.Duration.ofMillis(200)), "nothing half-sent was published");
        } finally {
            for (Socket publisher : slow) {
                publisher.close();
            }
        }
    }

    /** One HTTP answer, head and Content-Length body, read off a raw socket. */
    private static String answerOf(Socket socket) throws java.io.IOException {
        java.io.InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
        return head + (length.find() ? new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8) : "");
    }

    @Test
    void oneEventOrAnArrayIsAcceptedWith202AndBroadcastInOrder() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            HttpResponse<String> one = api.publish(memoryOperation("single"));
            assertEquals(202, one.statusCode());
            assertEquals(1, parse(one.body()).getInt("accepted"));

            HttpResponse<String> batch = api.publish("[" + memoryOperation("a") + "," + memoryOperation("b") + ","
                    + memoryOperation("c") + "]");
            assertEquals(202, batch.statusCode());
            assertEquals(3, parse(batch.body()).getInt("accepted"));

            for (String id : List.of("single", "a", "b", "c")) {
                assertEquals(id, socket.nextEvent().getJsonObject("data").getString("memoryId"));
            }
        }
    }

    @Test
    void everyTypeRoundTripsEveryField() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            assertEquals(202, api.publish("[" + String.join(",", FULL_EVENTS) + "]").statusCode());
            long lastId = socket.established().getJsonNumber("lastId").longValue();
            for (String posted : FULL_EVENTS) {
                // What was posted, field for field, plus the stream's id (an extension old clients ignore).
                JsonObject expected = Json.createObjectBuilder(parse(posted)).add("id", ++lastId).build();
                assertEquals(expected, socket.nextEvent());
            }
        }
    }

    @Test
    void absentOrNullOptionalFieldsAreOmittedAndAMissingTimestampIsSetByTheServer() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            Instant before = Instant.now().minusMillis(1);
            assertEquals(202, api.publish("[{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\","
                    + "\"userId\":\"u\",\"success\":true,\"memoryId\":null,\"sector\":null}},"
                    + "{\"type\":\"reasoning_update\",\"data\":{\"sessionId\":\"s\",\"stage\":\"x\",\"progress\":50}},"
                    + "{\"type\":\"session_event\",\"data\":{\"event\":\"created\",\"sessionId\":\"s\"}},"
                    + "{\"type\":\"system_event\",\"data\":{\"event\":\"startup\"}}]").statusCode());
            Instant after = Instant.now().plusMillis(1);

            JsonObject memory = socket.nextEvent();
            assertEquals(parse("{\"operation\":\"store\",\"userId\":\"u\",\"success\":true}"), memory.getJsonObject("data"));
            Instant stamped = Instant.parse(memory.getString("timestamp"));
            assertTrue(!stamped.isBefore(before) && !stamped.isAfter(after), stamped + " within the request");
            assertTrue(memory.getString("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
            assertEquals("{\"sessionId\":\"s\",\"stage\":\"x\",\"progress\":50}",
                    socket.nextEvent().getJsonObject("data").toString(), "written as the original writes it");
            assertEquals(parse("{\"event\":\"created\",\"sessionId\":\"s\"}"), socket.nextEvent().getJsonObject("data"));
            assertEquals(parse("{\"event\":\"startup\"}"), socket.nextEvent().getJsonObject("data"));
        }
    }

    @Test
    void numbersAndLoneSurrogatesGoOutByteForByteAsJsonStringifyWritesThem() throws Exception {
        try (RawSocket raw = RawSocket.connect(api.live(), 10_000)) {
            raw.read();
            assertEquals(202, api.publish("[{\"type\":\"memory_operation\",\"timestamp\":\"2026-11-26T07:01:39.491Z\","
                    + "\"data\":{\"operation\":\"store\",\"userId\":\"u\",\"success\":true,\"duration\":0.00011}},"
                    + "{\"type\":\"load_change\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{\"loadLevel\":1e-7,"
                    + "\"activeProcesses\":7.0,\"memoryOpsPerSecond\":12345678.5,\"reasoningSessions\":70e-1,"
                    + "\"visualIntensity\":\"low\"}},"
                    + "{\"type\":\"session_event\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{\"event\":\"created\","
                    + "\"sessionId\":\"\\ud800\",\"userId\":\"\\u2028</script>\"}}]").statusCode());
            List<String> frames = new ArrayList<>();
            while (frames.size() < 3) {
                frames.add(raw.readEvent().text().replaceFirst(",\"id\":\\d+}$", "}"));
            }
            assertEquals(List.of(
                    "{\"type\":\"memory_operation\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{\"operation\":"
                            + "\"store\",\"userId\":\"u\",\"success\":true,\"duration\":0.00011}}",
                    "{\"type\":\"load_change\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{\"loadLevel\":1e-7,"
                            + "\"activeProcesses\":7,\"memoryOpsPerSecond\":12345678.5,\"reasoningSessions\":7,"
                            + "\"visualIntensity\":\"low\"}}",
                    "{\"type\":\"session_event\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{\"event\":\"created\","
                            + "\"sessionId\":\"\\ud800\",\"userId\":\"\u2028</script>\"}}"), frames,
                    "what JSON.stringify writes for the same objects (node checked)");
        }
    }

    @Test
    void membersTheProtocolDoesNotDefineAre400NamingEachNotDroppedSilently() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            HttpResponse<String> response = api.publish("{\"type\":\"system_event\",\"source\":\"svc\","
                    + "\"data\":{\"event\":\"startup\",\"region\":\"eu\"}}");
            assertEquals(400, response.statusCode(), response.body());
            assertEquals(List.of("$.data.region: is not a field of system_event data (those are: event, status, message)",
                    "$.source: is not a member of an event (those are: type, timestamp, data)"),
                    problems(parse(response.body())));
            assertNothingBroadcastBefore(socket, "after-unknown-members");
        }
    }

    @Test
    void malformedJsonIs400AndNothingIsBroadcast() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            HttpResponse<String> response = api.publish("{\"type\":\"memory_operation\",");
            assertEquals(400, response.statusCode());
            JsonObject body = parse(response.body());
            assertEquals("malformed JSON", body.getString("error"));
            assertEquals("$", body.getJsonArray("problems").getJsonObject(0).getString("path"));
            assertNoStackTrace(response.body());
            assertEquals(400, api.publish(memoryOperation("then-more") + " {}").statusCode(),
                    "one JSON text per request, nothing after it");
            assertNothingBroadcastBefore(socket, "after-malformed");
        }
    }

    @Test
    void deeplyNestedJsonIs400NamingTheDepthAndNothingIsBroadcast() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            String valid = "[" + memoryOperation("inside-a-bomb") + ",";
            HttpResponse<String> bomb = api.publish(valid + "[".repeat(MAX_BYTES - 200));
            assertEquals(400, bomb.statusCode(), bomb.body());
            // The 32nd bracket after the batch's own opens level 33; the parser's location is just past it.
            int tooDeep = valid.length() + 32 + 1;
            assertEquals(parse("{\"error\":\"malformed JSON\",\"problems\":[{\"path\":\"$\",\"message\":"
                    + "\"arrays and objects nested deeper than 32 near line 1, column " + tooDeep + "\"}]}"),
                    parse(bomb.body()));
            HttpResponse<String> deepData = api.publish("{\"type\":\"heartbeat\",\"data\":{\"message\":\"m\",\"x\":"
                    + "[".repeat(40) + "]".repeat(40) + "}}");
            assertEquals(400, deepData.statusCode(), deepData.body());
            assertNothingBroadcastBefore(socket, "after-bombs");
        }
    }

    @Test
    void invalidEventsAre400NamingEachProblemAndNoneOfTheRequestIsBroadcast() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            HttpResponse<String> response = api.publish("["
                    + memoryOperation("valid-but-in-a-bad-batch") + ","
                    + "{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\",\"success\":true}},"
                    + "{\"type\":\"mind_reading\",\"data\":{}},"
                    + "{\"type\":\"load_change\",\"data\":{\"loadLevel\":1.5,\"activeProcesses\":2.5,"
                    + "\"memoryOpsPerSecond\":\"fast\",\"reasoningSessions\":-1,\"visualIntensity\":\"blinding\"}},"
                    + "{\"type\":\"session_event\",\"timestamp\":\"yesterday\",\"data\":{\"event\":\"created\",\"sessionId\":7}},"
                    + "{\"type\":\"system_event\"},"
                    + "42]");
            assertEquals(400, response.statusCode());
            assertNoStackTrace(response.body());
            JsonObject body = parse(response.body());
            Map<String, String> problems = body.getJsonArray("problems").getValuesAs(JsonObject.class).stream()
                    .collect(Collectors.toMap(p -> p.getString("path"), p -> p.getString("message")));
            assertEquals(Map.of(
                    "$[1].data.userId", "is required",
                    "$[2].type", "unknown type 'mind_reading', expected one of: memory_operation, reasoning_update, "
                            + "load_change, session_event, system_event, heartbeat, connection_established",
                    "$[3].data.loadLevel", "must be a number from 0 to 1",
                    "$[3].data.activeProcesses", "must be a whole number from 0 to 2147483647",
                    "$[3].data.memoryOpsPerSecond", "must be a number",
                    "$[3].data.reasoningSessions", "must be a whole number from 0 to 2147483647",
                    "$[3].data.visualIntensity", "must be one of: low, medium, high",
                    "$[4].timestamp", "must be an ISO-8601 date-time with offset, such as 2026-11-26T07:01:39.491Z",
                    "$[4].data.sessionId", "must be a string",
                    "$[5].data", "is required"), without(problems, "$[6]"));
            assertEquals("must be an object", problems.get("$[6]"));
            assertNothingBroadcastBefore(socket, "after-invalid");
        }
    }

    @Test
    void callersWithoutCredentialsGet401AndCallersWithoutTheRoleGet403() {
        String event = memoryOperation("secured");
        assertUnauthorized(api.post("api/v1/activity/events", event, null, null));
        assertUnauthorized(api.post("api/v1/activity/events", event, "publisher", "wrong-password"));
        assertUnauthorized(api.post("api/v1/activity/events", event, "nobody", Api.PUBLISHER_PASSWORD));
        assertForbidden(api.post("api/v1/activity/events", event, "admin", Api.ADMIN_PASSWORD));

        assertUnauthorized(api.get("api/v1/activity/clients", null, null));
        assertUnauthorized(api.get("api/v1/activity/clients", "admin", Api.PUBLISHER_PASSWORD));
        assertForbidden(api.get("api/v1/activity/clients", "publisher", Api.PUBLISHER_PASSWORD));
    }

    @Test
    void tooManyEventsOrTooManyBytesAre413AndNothingIsBroadcast() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            String eleven = IntStream.range(0, MAX_EVENTS + 1).mapToObj(i -> memoryOperation("e" + i))
                    .collect(Collectors.joining(",", "[", "]"));
            HttpResponse<String> tooMany = api.publish(eleven);
            assertEquals(413, tooMany.statusCode());
            assertEquals("11 events in one request; the limit is 10 (activity.live.publish.max-events)",
                    parse(tooMany.body()).getString("error"));

            String big = memoryOperation("x".repeat(MAX_BYTES));
            HttpResponse<String> declaredTooLong = api.publish(big);
            assertEquals(413, declaredTooLong.statusCode());
            assertEquals("request body over 4096 bytes (activity.live.publish.max-bytes)",
                    parse(declaredTooLong.body()).getString("error"));

            HttpResponse<String> streamedTooLong = Api.send(HttpRequest.newBuilder(api.http("api/v1/activity/events"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", api.basic("publisher", Api.PUBLISHER_PASSWORD))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
            assertEquals(413, streamedTooLong.statusCode(), "a chunked body is counted as it is read");

            assertEquals(202, api.publish(memoryOperation("x".repeat(MAX_BYTES - 200))).statusCode(),
                    "just under the limit");
            JsonObject first = socket.nextEvent();
            assertEquals("x".repeat(MAX_BYTES - 200), first.getJsonObject("data").getString("memoryId"),
                    "none of the refused requests reached the client");
        }
    }

    @Test
    void otherRefusalsAlsoAnswerWithAJsonBody() {
        HttpResponse<String> wrongMediaType = Api.send(HttpRequest.newBuilder(api.http("api/v1/activity/events"))
                .header("Content-Type", "text/plain")
                .header("Authorization", api.basic("publisher", Api.PUBLISHER_PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(memoryOperation("m"))));
        assertEquals(415, wrongMediaType.statusCode());
        assertEquals("unsupported media type: send Content-Type application/json",
                parse(wrongMediaType.body()).getString("error"));

        HttpResponse<String> wrongMethod = api.get("api/v1/activity/events", "publisher", Api.PUBLISHER_PASSWORD);
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("method not allowed: publish with POST", parse(wrongMethod.body()).getString("error"));
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(""));

        HttpResponse<String> unknown = api.get("api/v1/activity/nothing-here", null, null);
        assertEquals(404, unknown.statusCode());
        assertEquals("not found", parse(unknown.body()).getString("error"));
        List.of(wrongMediaType, wrongMethod, unknown).forEach(response -> assertNoStackTrace(response.body()));
    }

    @Test
    void noAnswerNamesTheServer() {
        List<HttpResponse<String>> answers = List.of(api.publish(memoryOperation("named")),
                api.get("api/v1/activity/nothing-here", null, null),
                api.health("ready"));
        for (HttpResponse<String> answer : answers) {
            assertEquals(List.of(), answer.headers().allValues("Server"), answer.uri().toString());
            assertEquals(List.of(), answer.headers().allValues("X-Powered-By"), answer.uri().toString());
        }
    }

    @Test
    void theWholeHttpApiIsDescribedAsOpenApi() {
        HttpResponse<String> openApi = Api.send(HttpRequest.newBuilder(api.http("/openapi")).GET());
        assertEquals(200, openApi.statusCode(), openApi.body());
        for (String path : List.of(ApiPaths.LIVE, ApiPaths.EVENTS, ApiPaths.CLIENTS, ApiPaths.SESSION)) {
            assertTrue(openApi.body().contains(path + ":"), path + " in " + openApi.body());
        }
    }

    @Test
    void theClientListShowsEveryClientWithItsSubscriptions() {
        try (TestSocket plain = TestSocket.connected(api.live());
             TestSocket subscriber = TestSocket.connected(api.live())) {
            subscriber.send("{\"action\":\"subscribe\",\"types\":[\"system_event\",\"memory_operation\"]}");
            subscriber.send("{\"action\":\"ping\"}");
            subscriber.nextEvent();

            HttpResponse<String> response = api.clients();
            assertEquals(200, response.statusCode());
            JsonObject list = parse(response.body());
            assertEquals(2, list.getInt("count"));
            Map<String, JsonObject> byId = list.getJsonArray("clients").getValuesAs(JsonObject.class).stream()
                    .collect(Collectors.toMap(c -> c.getString("clientId"), c -> c));
            assertEquals(List.of(), strings(byId.get(plain.id()).getJsonArray("subscribedTypes")));
            assertEquals(List.of("memory_operation", "system_event"),
                    strings(byId.get(subscriber.id()).getJsonArray("subscribedTypes")));
            Instant connectedAt = Instant.parse(byId.get(plain.id()).getString("connectedAt"));
            assertTrue(connectedAt.isAfter(Instant.now().minusSeconds(60)) && !connectedAt.isAfter(Instant.now()));
        }
    }

    private void assertNothingBroadcastBefore(TestSocket socket, String marker) {
        assertEquals(202, api.publish(memoryOperation(marker)).statusCode());
        assertEquals(marker, socket.nextEvent().getJsonObject("data").getString("memoryId"),
                "the marker published afterwards is the first event the client sees");
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("Basic realm=\"activity-live\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertRefusalBody("authentication required", "", response.body());
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertEquals(403, response.statusCode(), response.body());
        assertRefusalBody("forbidden", "Error 403: AuthorizationFailed\n", response.body());
    }

    /**
     * The error page's JSON, starting with {@code error}; on Open Liberty, which answers refusals of the security
     * constraints itself, its own {@code libertys} (docs/servers.md).
     */
    private static void assertRefusalBody(String error, String libertys, String body) {
        if (ServerUnderTest.current().answersConstraintRefusalsWithJson()) {
            assertTrue(parse(body).getString("error").startsWith(error), body);
        } else {
            assertEquals(libertys, body);
        }
        assertNoStackTrace(body);
    }

    private static void assertNoStackTrace(String body) {
        assertFalse(body.contains("Exception") || body.contains("dev.activitylive") || body.contains("at org."),
                "no internals in " + body);
    }

    private static Map<String, String> without(Map<String, String> problems, String path) {
        return problems.entrySet().stream().filter(e -> !e.getKey().equals(path))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The answer's problems as "path: message", in order. */
    private static List<String> problems(JsonObject body) {
        return body.getJsonArray("problems").getValuesAs(JsonObject.class).stream()
                .map(problem -> problem.getString("path") + ": " + problem.getString("message")).toList();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString::getString);
    }

    private static String memoryOperation(String memoryId) {
        return "{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\",\"memoryId\":\"" + memoryId
                + "\",\"userId\":\"u\",\"success\":true}}";
    }
}
