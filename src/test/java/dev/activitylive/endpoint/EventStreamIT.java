package dev.activitylive.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.TestEventStream;
import dev.activitylive.testsupport.TestEventStream.Event;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/activity/stream}: the stream as Server-Sent Events. The same messages as the WebSocket, in the
 * same order, each stream event with {@code id: <epoch>:<id>}; {@code types} filters; {@code Last-Event-ID} (or the
 * {@code lastEventId} query parameter, the header winning) resumes exactly like the WebSocket, and says so when it
 * cannot; heartbeats as comment lines; one more client under max-clients, the slow-client policy and the client list.
 */
class EventStreamIT extends DeployedTest {

    private static final Duration QUIET = Duration.ofMillis(700);
    private static final int HISTORY_EVENTS = 200;
    private static final int QUEUE_MAX_BYTES = 256 * 1024;
    private static final int MAX_CLIENTS = 12;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of(
                "activity.live.history.max-events", String.valueOf(HISTORY_EVENTS),
                "activity.live.client-queue-max-bytes", String.valueOf(QUEUE_MAX_BYTES),
                "activity.live.heartbeat-interval-ms", "500",
                "activity.live.max-clients", String.valueOf(MAX_CLIENTS)));
    }

    private URI stream(String query) {
        return URI.create(api.http("api/v1/activity/stream") + query);
    }

    @Test
    void theStreamStartsWithRetryAndConnectionEstablishedAtItsPositionThenCarriesEachEventsPosition() {
        try (TestEventStream client = TestEventStream.open(stream(""))) {
            assertEquals(200, client.status());
            assertEquals("text/event-stream;charset=UTF-8", client.header("content-type").orElseThrow()
                    .replace(" ", ""));
            assertEquals("no-store", client.header("cache-control").orElseThrow());
            Event established = client.next();
            assertEquals("2000", client.retry());
            JsonObject data = established.json();
            assertEquals("connection_established", data.getString("type"));
            String epoch = data.getString("epoch");
            long lastId = data.getJsonNumber("lastId").longValue();
            assertEquals(epoch + ":" + lastId, established.id());

            api.fire("count=3");
            for (int i = 1; i <= 3; i++) {
                Event event = client.nextEvent();
                assertEquals(epoch + ":" + (lastId + i), event.id());
                assertEquals(lastId + i, event.json().getJsonNumber("id").longValue());
                assertEquals("memory_operation", event.json().getString("type"));
            }
        }
    }

    /** Three producers publish while WebSocket and event-stream clients listen: all get the same bytes in order. */
    @Test
    void eventStreamAndWebSocketClientsReceiveTheSameMessagesInTheSameOrder() {
        List<TestSocket> sockets = new ArrayList<>();
        List<TestEventStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                sockets.add(TestSocket.connected(api.live()));
                streams.add(TestEventStream.open(stream("")));
                streams.get(i).next();
            }
            api.awaitClientCount(8);
            assertEquals(8.0, api.metric("activity_live_clients", ""), "event streams count as clients");
            api.fire("producers=3&count=300");
            List<String> expected = sockets.get(0).eventsUntilQuiet(QUIET).stream().map(JsonObject::toString).toList();
            assertEquals(900, expected.size());
            for (TestSocket socket : sockets.subList(1, 4)) {
                assertEquals(expected, socket.eventsUntilQuiet(QUIET).stream().map(JsonObject::toString).toList());
            }
            for (TestEventStream each : streams) {
                assertEquals(expected, each.eventsUntilQuiet(QUIET).stream().map(e -> e.json().toString()).toList());
            }
            List<JsonObject> listed = api.clientList();
            assertEquals(4, listed.stream().filter(c -> "event-stream".equals(c.getString("sendPath"))).count(),
                    listed.toString());
        } finally {
            sockets.forEach(TestSocket::close);
            streams.forEach(TestEventStream::close);
        }
    }

    /**
     * State on join over the event stream: each event of the state as a WebSocket client first got it, with its own
     * position in its {@code id:} line, then the {@code snapshot} marker at the stream's position, then live events.
     */
    @Test
    void snapshotGivesTheStateEachEventAtItsPositionThenTheMarkerThenTheLiveStream() {
        String update = "{\"type\":\"reasoning_update\",\"data\":{\"sessionId\":\"s-sse\",\"stage\":\"plan\","
                + "\"progress\":30}}";
        try (TestSocket watcher = TestSocket.connected(api.live())) {
            assertEquals(202, api.publish("[" + update + "," + SYSTEM_EVENT + "]").statusCode());
            JsonObject firstSent = watcher.nextEvent();
            JsonObject systemEvent = watcher.nextEvent();
            try (TestEventStream client = TestEventStream.open(stream("?snapshot=true"))) {
                JsonObject established = client.next().json();
                String epoch = established.getString("epoch");
                long lastId = established.getJsonNumber("lastId").longValue();
                List<JsonObject> state = new ArrayList<>();
                for (Event event = client.nextEvent(); ; event = client.nextEvent()) {
                    if (event.json().getString("type").equals("snapshot")) {
                        assertEquals(epoch + ":" + lastId, event.id(), "the marker is at the stream's position");
                        assertEquals(state.size(), event.json().getJsonObject("data").getInt("events"));
                        break;
                    }
                    long id = event.json().getJsonNumber("id").longValue();
                    assertEquals(epoch + ":" + id, event.id());
                    assertTrue(id <= lastId, "the state is of events before the join");
                    state.add(event.json());
                }
                assertTrue(state.contains(firstSent) && state.contains(systemEvent), state.toString());
                assertEquals(202, api.publish(SYSTEM_EVENT).statusCode());
                assertEquals(epoch + ":" + (lastId + 1), client.nextEvent().id(),
                        "live events go on right after the join's position");
            }
        }
    }

    @Test
    void typesFiltersLikeASubscription() {
        try (TestEventStream loadOnly = TestEventStream.open(stream("?types=system_event,load_change"))) {
            loadOnly.next();
            api.fire("count=5");
            assertEquals(202, api.publish(SYSTEM_EVENT).statusCode());
            List<Event> received = loadOnly.eventsUntilQuiet(QUIET);
            assertEquals(List.of("system_event"), received.stream().map(e -> e.json().getString("type"))
                    .filter(type -> !type.equals("load_change")).toList());
        }
    }

    @Test
    void lastEventIdResumesWithExactlyWhatWasMissedThenTheLiveStream() {
        String position;
        try (TestEventStream first = TestEventStream.open(stream(""))) {
            first.next();
            api.fire("count=10");
            for (int i = 0; i < 4; i++) {
                first.nextEvent();
            }
            position = first.nextEvent().id();
        }
        long since = Long.parseLong(position.substring(position.indexOf(':') + 1));
        api.fire("count=6");
        CompletableFuture<HttpResponse<String>> publishing =
                CompletableFuture.supplyAsync(() -> api.fire("producers=2&count=200&pauseMillis=1"));
        try (TestEventStream back = TestEventStream.open(stream(""), Map.of("Last-Event-ID", position), true)) {
            back.next(); // connection_established
            publishing.join();
            List<Event> received = back.eventsUntilQuiet(QUIET);
            List<Long> ids = new ArrayList<>();
            JsonObject recovery = null;
            for (Event event : received) {
                JsonObject json = event.json();
                if ("recovery".equals(json.getString("type"))) {
                    recovery = json.getJsonObject("data");
                } else {
                    ids.add(json.getJsonNumber("id").longValue());
                }
            }
            assertTrue(recovery != null && recovery.getBoolean("recovered"), received.toString());
            assertEquals(5 + 6 + 400, ids.size(), "every missed and live event");
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(since + 1 + i, ids.get(i), "no gap, no repeat");
            }
        }
    }

    @Test
    void theHeaderWinsOverTheQueryAndWhatCannotBeRecoveredIsSaidSo() {
        String epoch;
        long lastId;
        try (TestEventStream first = TestEventStream.open(stream(""))) {
            JsonObject established = first.next().json();
            epoch = established.getString("epoch");
            lastId = established.getJsonNumber("lastId").longValue();
        }
        api.fire("count=2");
        try (TestEventStream header = TestEventStream.open(stream("?lastEventId=another:1"),
                Map.of("Last-Event-ID", epoch + ":" + lastId), true)) {
            header.next();
            List<Event> replayed = header.eventsUntilQuiet(QUIET);
            assertEquals(3, replayed.size(), replayed.toString());
            assertTrue(replayed.get(2).json().getJsonObject("data").getBoolean("recovered"));
        }
        lastId += 2;
        try (TestEventStream query = TestEventStream.open(stream("?lastEventId=" + epoch + ":" + lastId))) {
            query.next();
            JsonObject recovery = query.nextEvent().json().getJsonObject("data");
            assertTrue(recovery.getBoolean("recovered"), recovery.toString());
            assertEquals(0, recovery.getInt("replayed"));
        }
        assertNotRecovered(Map.of("Last-Event-ID", "another-epoch:" + lastId),
                "epoch another-epoch has ended: the server restarted or its history was reset", epoch);
        assertNotRecovered(Map.of("Last-Event-ID", "no-colon"), "resume needs since (a whole number, 0 or more)"
                + " and epoch (a string); an event stream's Last-Event-ID is <epoch>:<id>", epoch);
        api.fire("count=" + (HISTORY_EVENTS + 10));
        assertNotRecovered(Map.of("Last-Event-ID", epoch + ":" + lastId),
                "events after " + lastId + " are no longer kept", epoch);
    }

    /** The client reloads: the answer carries the current position, which is the id an EventSource comes back with. */
    private void assertNotRecovered(Map<String, String> headers, String reason, String epoch) {
        try (TestEventStream client = TestEventStream.open(stream(""), headers, true)) {
            client.next();
            Event answer = client.nextEvent();
            JsonObject data = answer.json().getJsonObject("data");
            assertFalse(data.getBoolean("recovered"), data.toString());
            assertTrue(data.getString("reason").startsWith(reason), data.getString("reason"));
            assertEquals(epoch + ":" + data.getJsonNumber("lastId").longValue(), answer.id());
            assertEquals(List.of(), client.eventsUntilQuiet(Duration.ofMillis(300)), "nothing replayed");
        }
    }

    @Test
    void heartbeatsAreCommentLinesAndKeepaliveEvents() {
        try (TestEventStream client = TestEventStream.open(stream(""))) {
            client.next();
            Event keepalive = client.next();
            assertTrue(keepalive.isKeepalive(), keepalive.toString());
            assertEquals(null, keepalive.id(), "a keepalive is no event of the stream");
            assertTrue(client.comments().contains("heartbeat"), client.comments().toString());
        }
    }

    @Test
    void aStalledEventStreamIsLetGoUnderTheSlowClientPolicyAndNobodyElseNotices() throws IOException {
        try (TestSocket reading = TestSocket.connected(api.live()); Socket stalled = stalledStream()) {
            api.awaitClientCount(2);
            double slowClosesBefore = api.metric("activity_live_slow_client_closes_total", "");
            int batches = 0;
            int received = 0;
            while (api.clientCount() == 2 && batches < 250) {
                // 20 events of 8 KiB at a time: less than the reading client's queue holds.
                assertEquals(202, api.publish(Api.memoryOperations(batches * 20, 20, 8 * 1024)).statusCode());
                batches++;
                received += reading.eventsUntilQuiet(Duration.ofMillis(100)).size();
            }
            assertEquals(1, api.clientCount(), "the stalled stream was let go after " + batches + " batches");
            assertEquals(slowClosesBefore + 1, api.metric("activity_live_slow_client_closes_total", ""));
            received += reading.eventsUntilQuiet(Duration.ofSeconds(2)).size();
            assertEquals(batches * 20, received, "the reading client lost nothing");
        }
    }

    /** Opens the stream on a socket with a small receive buffer and never reads past the status line. */
    private Socket stalledStream() throws IOException {
        URI uri = stream("");
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.getOutputStream().write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        byte[] status = in.readNBytes("HTTP/1.1 200".length());
        assertEquals("HTTP/1.1 200", new String(status, StandardCharsets.US_ASCII));
        return socket;
    }

    /** Over HTTP/2 a client that goes away resets only its stream; the server must still let it go. */
    @Test
    void aClientThatLeavesIsForgottenOverHttp11AndHttp2() {
        for (int i = 0; i < 2; i++) {
            TestEventStream client = i == 0 ? TestEventStream.open(stream(""))
                    : TestEventStream.openPreferringHttp2(stream(""));
            client.next();
            api.awaitClientCount(1);
            assertEquals(i == 0 ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2, client.version());
            client.close();
            api.awaitClientCount(0);
        }
    }

    @Test
    void refusalsAreJson() {
        HttpResponse<String> post = Api.send(HttpRequest.newBuilder(stream(""))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, post.statusCode());
        assertEquals("{\"error\":\"method not allowed: the event stream answers GET\"}", post.body());
        try (TestEventStream foreign = TestEventStream.open(stream(""), Map.of("Origin", "http://evil.example"),
                true)) {
            assertEquals(403, foreign.status());
            assertTrue(foreign.body().startsWith("{\"error\":\"origin not allowed"));
        }
        List<TestEventStream> full = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CLIENTS; i++) {
                full.add(TestEventStream.open(stream("")));
                full.get(i).next();
            }
            try (TestEventStream over = TestEventStream.open(stream(""), Map.of(), false)) {
                assertEquals(503, over.status());
                assertEquals("{\"error\":\"the server takes no more clients now: Maximum clients reached\"}",
                        over.body());
            }
        } finally {
            full.forEach(TestEventStream::close);
        }
    }

    private static final String SYSTEM_EVENT =
            "{\"type\":\"system_event\",\"data\":{\"event\":\"health_change\",\"status\":\"ok\"}}";
}
