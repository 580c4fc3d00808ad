package dev.activitylive.live;

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
            CompletableFuture<String> firing = CompletableFuture.supplyAsync(() -> api.fire(
                    "producers=" + producers + "&count=" + perProducer + "&pauseMillis=2").body());
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
                    RawSocket abrupt = RawSocket.connect(api.live(), 5_000);
                    abrupt.read();
                    abrupt.close();
                }
                default -> {
                    RawSocket reset = RawSocket.connect(api.live(), 5_000);
                    reset.read();
                    reset.reset();
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
