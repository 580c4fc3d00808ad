package dev.activitylive.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.RawSocket;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Events fired by an in-container component through CDI ({@code Event.fire()} and {@code fireAsync()}) reach every
 * client completely and in order, also while other clients come, go and break.
 */
abstract class BroadcastScenarios extends SendPathTest {

    /** The deployment of a subclass: these settings plus {@code extra}. */
    static WebArchive deployment(Map<String, String> extra) {
        return deployment(Map.of(
                "activity.live.heartbeat-interval-ms", "1000",
                "activity.live.max-clients", "500"), extra);
    }

    @Test
    void eventsFiredSynchronouslyReachClientsInOrder() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            api.fire("count=5");
            for (int i = 0; i < 5; i++) {
                JsonObject event = socket.nextEvent();
                assertEquals("memory_operation", event.getString("type"));
                assertEquals("0-" + i, event.getJsonObject("data").getString("memoryId"));
                assertEquals(i, event.getJsonObject("data").getInt("duration"));
            }
        }
    }

    @Test
    void eventsFiredAsynchronouslyReachClients() {
        try (TestSocket socket = TestSocket.connected(api.live())) {
            api.fire("count=5&async=true");
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                ids.add(socket.nextEvent().getJsonObject("data").getString("memoryId"));
            }
            assertEquals(Set.of("0-0", "0-1", "0-2", "0-3", "0-4"), ids);
        }
    }

    @Test
    void aThousandEventsArriveCompleteAndInOrderOnSeveralClients() {
        List<TestSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                sockets.add(TestSocket.connected(api.live()));
            }
            api.fire("count=1000");
            for (TestSocket socket : sockets) {
                List<String> ids = memoryIds(socket.eventsUntilQuiet(Duration.ofSeconds(2)));
                assertEquals(1000, ids.size(), "complete");
                for (int i = 0; i < 1000; i++) {
                    assertEquals("0-" + i, ids.get(i), "in order");
                }
            }
        } finally {
            sockets.forEach(TestSocket::close);
        }
    }

    @Test
    void manyProducersWhileClientsComeGoAndBreakLoseNothingForClientsThatStay() throws Exception {
        int producers = 4;
        int perProducer = 500;
        List<TestSocket> staying = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                staying.add(TestSocket.connected(api.live()));
            }
            // At least 3 s of firing: a churn takes 10 to 150 ms (Liberty's handshakes under a burst are the slowest).
            CompletableFuture<String> firing = CompletableFuture.supplyAsync(() -> api.fire(
                    "producers=" + producers + "&count=" + perProducer + "&pauseMillis=6").body());
            int churned = churnWhile(firing);
            assertEquals("fired " + producers * perProducer, firing.join(), "fire() never failed");
            assertTrue(churned >= 10, "clients came and went while events flowed: " + churned);

            for (TestSocket socket : staying) {
                List<String> ids = memoryIds(socket.eventsUntilQuiet(Duration.ofSeconds(2)));
                assertEquals(producers * perProducer, ids.size(), "nothing lost, nothing duplicated");
                assertEquals(producers * perProducer, new HashSet<>(ids).size(), "no duplicates");
                Map<String, Integer> lastSeen = new HashMap<>();
                for (String id : ids) {
                    String[] producerAndSequence = id.split("-");
                    int sequence = Integer.parseInt(producerAndSequence[1]);
                    int previous = lastSeen.getOrDefault(producerAndSequence[0], -1);
                    assertEquals(previous + 1, sequence, "per-producer order of " + id);
                    lastSeen.put(producerAndSequence[0], sequence);
                }
            }
            api.awaitClientCount(staying.size());
        } finally {
            staying.forEach(TestSocket::close);
        }
    }

    /**
     * The container answers a client's pings with pongs written on the same connection as the events: every pong
     * comes, and no event is lost or reordered around them (on Liberty a batch waits for a pong being written).
     */
    @Test
    void aClientThatPingsDuringABurstGetsEveryPongAndEveryEventInOrder() throws Exception {
        int events = 2000;
        int pings = 20; // one each 100 ms: half the rate a client may send frames at (client-messages-per-second)
        // Threads of its own: the reader blocks, and the common pool may have one thread (2 cores, JDK 25).
        java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (RawSocket raw = RawSocket.connect(api.live(), 20_000)) {
            raw.read();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            CompletableFuture<List<RawSocket.Frame>> reading = CompletableFuture.supplyAsync(() -> {
                List<RawSocket.Frame> frames = new ArrayList<>();
                int eventsRead = 0;
                int pongsRead = 0;
                try {
                    // Heartbeats keep the socket busy: the deadline ends a wait for frames that never come.
                    while ((eventsRead < events || pongsRead < pings) && System.nanoTime() < deadline) {
                        RawSocket.Frame frame = raw.read();
                        if (frame.opcode() == RawSocket.Frame.PONG) {
                            pongsRead++;
                            frames.add(frame);
                        } else if (frame.opcode() == RawSocket.Frame.TEXT
                                && frame.text().contains("\"memory_operation\"")) {
                            eventsRead++;
                            frames.add(frame);
                        }
                    }
                } catch (java.io.IOException ended) {
                    throw new java.io.UncheckedIOException("after " + eventsRead + " events, " + pongsRead
                            + " pongs", ended);
                }
                return frames;
            }, background);
            CompletableFuture<String> firing = CompletableFuture.supplyAsync(() -> api.fire(
                    "count=" + events + "&pauseMillis=1").body(), background);
            for (int i = 0; i < pings; i++) {
                raw.sendFrame(RawSocket.Frame.PING, ("p" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Api.pause(Duration.ofMillis(100));
            }
            assertEquals("fired " + events, firing.get(60, java.util.concurrent.TimeUnit.SECONDS));
            List<RawSocket.Frame> frames = reading.get(90, java.util.concurrent.TimeUnit.SECONDS);
            List<String> pongs = frames.stream().filter(frame -> frame.opcode() == RawSocket.Frame.PONG)
                    .map(frame -> new String(frame.payload(), java.nio.charset.StandardCharsets.UTF_8)).toList();
            List<String> ids = frames.stream().filter(frame -> frame.opcode() == RawSocket.Frame.TEXT)
                    .map(frame -> Api.parse(frame.text()).getJsonObject("data").getString("memoryId")).toList();
            assertEquals(IntStream.range(0, pings).mapToObj(i -> "p" + i).toList(), pongs,
                    "a pong for every ping, in order");
            List<String> expected = IntStream.range(0, events).mapToObj(i -> "0-" + i).toList();
            assertTrue(ids.equals(expected), () -> "every event, in order: " + ids.size() + " came, missing "
                    + expected.stream().filter(id -> !ids.contains(id)).limit(10).toList());
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void nothingFollowsTheServersCloseFrameAlthoughEventsAndPongsAreOnTheirWay() throws Exception {
        CompletableFuture<String> firing = CompletableFuture.supplyAsync(() -> api.fire("count=4000&pauseMillis=1")
                .body());
        try {
            List<CompletableFuture<java.util.OptionalInt>> clients = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                clients.add(CompletableFuture.supplyAsync(this::floodUntilClosedThenCountWhatFollows));
            }
            int withDataAfterClose = 0;
            int judged = 0;
            for (CompletableFuture<java.util.OptionalInt> client : clients) {
                java.util.OptionalInt bytesAfterClose = client.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (bytesAfterClose.isPresent()) {
                    judged++;
                    withDataAfterClose += bytesAfterClose.getAsInt() > 0 ? 1 : 0;
                }
            }
            assertEquals(0, withDataAfterClose, "clients that got data after the close frame (RFC 6455 §5.5.1)");
            assertTrue(judged >= 30, "clients that read their close frame: " + judged + " of 40");
        } finally {
            firing.join(); // its events must not reach the next test's clients
        }
        api.awaitClientCount(0);
    }

    /**
     * Reads events, pings and floods actions until closed for its rate; answers how many bytes came after the close
     * frame. Empty when a send met the closed connection and the close frame could no longer be read: the server's
     * close of a socket with unread data resets it, and a reset discards what the client had not read yet (Linux), so
     * such a client shows nothing either way.
     */
    private java.util.OptionalInt floodUntilClosedThenCountWhatFollows() {
        try (RawSocket client = RawSocket.connect(api.live(), 20_000)) {
            client.read();
            RawSocket.Frame frame;
            int sent = 0;
            try {
                do {
                    client.sendText("{\"action\":\"ping\"}");
                    client.sendFrame(0x9, new byte[0]);
                    sent++;
                    frame = client.read();
                } while (frame.opcode() != RawSocket.Frame.CLOSE && sent < 1000);
            } catch (java.net.SocketException refused) {
                try {
                    frame = client.readUntilClose();
                } catch (java.io.EOFException | java.net.SocketException reset) {
                    return java.util.OptionalInt.empty();
                }
            }
            while (frame.opcode() != RawSocket.Frame.CLOSE) {
                frame = client.read();
            }
            assertEquals(1008, frame.closeCode());
            return java.util.OptionalInt.of(client.bytesUntilEnd(Duration.ofSeconds(2)));
        } catch (java.io.IOException failed) {
            throw new IllegalStateException(failed);
        }
    }

    @Test
    void aLoneSurrogateReachesClientsEscapedAsJsonStringifyWritesItAndTheyStayConnected() throws Exception {
        try (TestSocket json = TestSocket.connected(api.live());
             RawSocket raw = RawSocket.connect(api.live(), 10_000)) {
            raw.read();
            assertEquals(202, api.publish("{\"type\":\"system_event\",\"data\":{\"event\":\"health_change\","
                    + "\"status\":\"\\ud800\",\"message\":\"\\ud83d\\ude00\"}}").statusCode());
            RawSocket.Frame frame = raw.readEvent();
            java.nio.charset.CharsetDecoder strict = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
            String text = strict.decode(java.nio.ByteBuffer.wrap(frame.payload())).toString(); // throws if not UTF-8
            assertTrue(text.contains("\"status\":\"\\ud800\""), text);
            assertTrue(text.contains("\"message\":\"\ud83d\ude00\""), "a pair stays a character: " + text);
            JsonObject event = json.nextEvent();
            assertEquals("\ud800", event.getJsonObject("data").getString("status"));
            api.fire("count=1");
            assertEquals("memory_operation", json.nextEvent().getString("type"), "still served");
            assertEquals(2, api.clientCount());
        }
    }

    /** Opens clients and ends them in every way a client can end while {@code firing} runs; returns how many. */
    private int churnWhile(CompletableFuture<?> firing) throws Exception {
        int churned = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!firing.isDone()) {
            switch (churned % 3) {
                case 0 -> {
                    try (TestSocket polite = TestSocket.connected(api.live())) {
                        polite.send("{\"action\":\"subscribe\",\"types\":[\"memory_operation\"]}");
                        Api.pause(Duration.ofMillis(random.nextInt(20)));
                    }
                }
                case 1 -> {
                    // Closed without a close frame (try-with-resources also when the read fails).
                    try (RawSocket abrupt = RawSocket.connect(api.live(), 5_000)) {
                        abrupt.read();
                    }
                }
                default -> {
                    RawSocket reset = RawSocket.connect(api.live(), 5_000);
                    try {
                        reset.read();
                    } finally {
                        reset.reset();
                    }
                }
            }
            churned++;
        }
        return churned;
    }

    private static List<String> memoryIds(List<JsonObject> events) {
        return events.stream()
                .filter(event -> "memory_operation".equals(event.getString("type")))
                .map(event -> event.getJsonObject("data").getString("memoryId"))
                .toList();
    }
}
