package dev.activitylive.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.LocalCluster;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Three Payara Micro instances on loopback, clustered, each started by {@code server-config/run.sh} as the README
 * says: events fired through CDI on one and published over HTTP on another reach the clients of all three exactly once,
 * in per-producer order, with the same ids; the client list says per instance; a client that moves to another
 * instance resumes there; an instance killed outright leaves the others serving each other's events, and its clients
 * resume elsewhere. The derived load is on: one {@code load_change} stream for the whole cluster.
 */
@DisabledIfSystemProperty(named = "it.server", matches = "wildfly|liberty", disabledReason = "starts Payara "
        + "Micro with server-config/run.sh: it runs in the Payara legs (ServerScriptIT runs the others' own scripts)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int SIZE = 3;
    private static final Duration LOAD_INTERVAL = Duration.ofMillis(500);
    /** The derived load counts memory operations over 5 s: after that and two intervals it is back to idle. */
    private static final Duration IDLE_AGAIN = Duration.ofSeconds(5).plus(LOAD_INTERVAL.multipliedBy(4));
    private static LocalCluster cluster;

    @BeforeAll
    @Timeout(300) // three boots, and room for one that hangs in Payara's start-up and is started again
    static void startCluster() {
        cluster = LocalCluster.start(SIZE, Map.of(
                "activity.live.load.derived", "on",
                "activity.live.load.interval-ms", Long.toString(LOAD_INTERVAL.toMillis())));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Api api(int instance) {
        return cluster.instance(instance).api();
    }

    @Test
    @Order(1)
    void firedOnOnePublishedOnAnotherEveryClientEverywhereGetsEachOnceInProducerOrderWithTheSameIds() {
        try (TestSocket a = TestSocket.connected(api(1).live());
             TestSocket b = TestSocket.connected(api(2).live());
             TestSocket c = TestSocket.connected(api(3).live())) {
            Set<String> instances = new HashSet<>();
            for (int i = 1; i <= SIZE; i++) {
                api(i).awaitClientCount(1); // each lists its own client only...
                assertEquals(SIZE, api(i).clusterInstances()); // ...and says it is one of three
                instances.add(api(i).clusterInstance());
            }
            assertEquals(SIZE, instances.size(), "each instance names itself: " + instances);
            assertEquals(SIZE, api(1).metric("activity_live_cluster_instances", ""));
            assertTrue(api(3).health("ready").body().contains("\"instances\":\"" + SIZE + "\""),
                    api(3).health("ready").body());

            // 3 producers fire 200 each through CDI on instance 1 while instance 2 takes 10 HTTP batches of 20.
            CompletableFuture<Void> fired = CompletableFuture.runAsync(
                    () -> api(1).fire("count=200&producers=3&pauseMillis=2"));
            for (int batch = 0; batch < 10; batch++) {
                assertEquals(202, api(2).publish(Api.memoryOperations(batch * 20, 20, 10)).statusCode());
            }
            fired.join();

            List<JsonObject> seenByA = streamUntil(a, 800);
            List<JsonObject> seenByB = streamUntil(b, 800);
            List<JsonObject> seenByC = streamUntil(c, 800);
            assertEachOnceInProducerOrder(a, seenByA, 3, 200, 200);
            assertEachOnceInProducerOrder(b, seenByB, 3, 200, 200);
            assertEachOnceInProducerOrder(c, seenByC, 3, 200, 200);
            assertSameIdsForTheSameEvents(seenByA, seenByB);
            assertSameIdsForTheSameEvents(seenByA, seenByC);

            // One load for the cluster, announced by its oldest member only: when the burst has left the 5 s window,
            // the return to idle is announced once (each of three announcers would announce it).
            List<JsonObject> loadChanges = new ArrayList<>(seenByA);
            loadChanges.addAll(a.eventsFor(IDLE_AGAIN));
            loadChanges.removeIf(event -> !type(event).equals("load_change"));
            assertTrue(loadChanges.stream().anyMatch(load -> opsPerSecond(load) >= 10), "the burst raised the load");
            assertEquals(1, loadChanges.stream().filter(load -> opsPerSecond(load) == 0).count(),
                    "announced once as idle again: " + loadChanges);
        }
    }

    /** The state on join is kept as each instance reads the cluster's stream: the same on every instance. */
    @Test
    @Order(2)
    void everyInstanceGivesTheSameStateOnJoin() {
        String update = "{\"type\":\"reasoning_update\",\"data\":{\"sessionId\":\"s-cluster\","
                + "\"stage\":\"plan\",\"progress\":45}}";
        String session = "{\"type\":\"session_event\",\"data\":{\"event\":\"created\","
                + "\"sessionId\":\"s-cluster\"}}";
        try (TestSocket watcher = TestSocket.connected(api(3).live())) {
            assertEquals(202, api(1).publish("[" + update + "," + session + "]").statusCode());
            JsonObject published = watcher.nextMatching(event -> type(event).equals("reasoning_update"));
            // A derived load_change may come between two joins: join until all three joined at the same event.
            for (int attempt = 1; ; attempt++) {
                List<List<JsonObject>> states = new ArrayList<>();
                Set<Long> joinedAt = new HashSet<>();
                for (int i = 1; i <= SIZE; i++) {
                    try (TestSocket joiner = TestSocket.connected(URI.create(api(i).live() + "?snapshot=true"))) {
                        List<JsonObject> state = new ArrayList<>();
                        for (JsonObject message = joiner.nextEvent(); !type(message).equals("snapshot");
                                message = joiner.nextEvent()) {
                            state.add(message);
                        }
                        states.add(state);
                        joinedAt.add(joiner.established().getJsonNumber("lastId").longValue());
                    }
                }
                if (joinedAt.size() > 1 && attempt < 10) {
                    Api.pause(Duration.ofMillis(100));
                    continue;
                }
                assertEquals(Set.of(joinedAt.iterator().next()), joinedAt, "joined at the same event");
                assertTrue(states.get(0).contains(published), "the session in progress: " + states.get(0));
                assertEquals(states.get(0), states.get(1));
                assertEquals(states.get(0), states.get(2));
                return;
            }
        }
    }

    @Test
    @Order(2)
    void aClientThatMovesToAnotherInstanceResumesThereWithExactlyWhatItMissed() {
        long since;
        String epoch;
        try (TestSocket onB = TestSocket.connected(api(2).live())) {
            since = onB.established().getJsonNumber("lastId").longValue();
            epoch = onB.established().getString("epoch");
        }
        assertEquals(202, api(1).publish(Api.memoryOperations(1000, 50, 10)).statusCode());

        try (TestSocket onC = TestSocket.connected(resume(api(3).live(), since, epoch))) {
            List<JsonObject> replayed = new ArrayList<>();
            JsonObject message = onC.nextEvent();
            while (!type(message).equals("recovery")) {
                replayed.add(message);
                message = onC.nextEvent();
            }
            JsonObject recovery = message.getJsonObject("data");
            assertTrue(recovery.getBoolean("recovered"), recovery.toString());
            assertEquals(replayed.size(), recovery.getInt("replayed"));
            assertConsecutiveFrom(since + 1, replayed);
            assertEquals(recovery.getJsonNumber("lastId").longValue(), id(replayed.get(replayed.size() - 1)));
            assertEquals(numbered(1000, 50), memoryIds(replayed), "every missed event, in order");

            assertEquals(202, api(2).publish(Api.memoryOperations(2000, 1, 10)).statusCode());
            JsonObject live = onC.nextMatching(event -> type(event).equals("memory_operation"));
            assertEquals("2000", memoryId(live));
            assertTrue(id(live) > recovery.getJsonNumber("lastId").longValue());
        }
    }

    @Test
    @Order(4)
    void anInstanceKilledOutrightLeavesTheOthersServingEachOtherAndItsClientsResumeElsewhere() {
        try (TestSocket a = TestSocket.connected(api(1).live());
             TestSocket c = TestSocket.connected(api(3).live());
             TestSocket onB = TestSocket.connected(api(2).live())) {
            long lastSeenOnB = onB.established().getJsonNumber("lastId").longValue();
            String epoch = onB.established().getString("epoch");

            cluster.kill(2);
            onB.awaitClose(Duration.ofSeconds(30));

            CompletableFuture<Void> fired = CompletableFuture.runAsync(
                    () -> api(1).fire("count=100&producers=2&pauseMillis=2"));
            for (int batch = 0; batch < 5; batch++) {
                assertEquals(202, api(3).publish(Api.memoryOperations(3000 + batch * 20, 20, 10)).statusCode());
            }
            fired.join();

            List<JsonObject> seenByA = streamUntil(a, 300);
            List<JsonObject> seenByC = streamUntil(c, 300);
            assertEachOnceInProducerOrder(a, seenByA, 2, 100, 100);
            assertEachOnceInProducerOrder(c, seenByC, 2, 100, 100);
            assertSameIdsForTheSameEvents(seenByA, seenByC);
            assertEquals(SIZE - 1, api(1).clusterInstances());

            try (TestSocket moved = TestSocket.connected(resume(api(1).live(), lastSeenOnB, epoch))) {
                List<JsonObject> replayed = new ArrayList<>();
                JsonObject message = moved.nextEvent();
                while (!type(message).equals("recovery")) {
                    replayed.add(message);
                    message = moved.nextEvent();
                }
                assertTrue(message.getJsonObject("data").getBoolean("recovered"), message.toString());
                assertConsecutiveFrom(lastSeenOnB + 1, replayed);
                assertTrue(memoryIds(replayed).containsAll(memoryIds(seenByA)), "the events fired after the crash");
            }
        }
    }

    @Test
    @Order(5)
    void clusteringOnWithoutHazelcastFailsTheDeploymentSayingWhy() throws Exception {
        String log = LocalCluster.bootAlone(Map.of(), Map.of("ACTIVITY_LIVE_CLUSTER", "on"));
        assertTrue(log.contains("activity.live.cluster=on needs Payara's Hazelcast, which is not running"), log);
        assertFalse(log.contains("activity-live started"), "the application did not start");
    }

    // ---- helpers

    /** Every stream event (keepalives aside) until {@code memoryOperations} memory operations have come. */
    private static List<JsonObject> streamUntil(TestSocket socket, int memoryOperations) {
        List<JsonObject> events = new ArrayList<>();
        int operations = 0;
        while (operations < memoryOperations) {
            JsonObject event = socket.nextEvent();
            events.add(event);
            if (type(event).equals("memory_operation")) {
                operations++;
            }
        }
        events.addAll(socket.eventsUntilQuiet(Duration.ofMillis(700))); // anything beyond would be a duplicate
        return events;
    }

    /**
     * Ids consecutive over the whole stream since {@code socket} connected; memory operations exactly {@code producers} x {@code fired} CDI ones
     * ({@code "<producer>-<n>"}) and {@code published} HTTP ones (numbers), each once and each source in order.
     */
    private static void assertEachOnceInProducerOrder(TestSocket socket, List<JsonObject> events, int producers,
                                                      int fired, int published) {
        assertConsecutiveFrom(socket.established().getJsonNumber("lastId").longValue() + 1, events);
        List<String> ids = memoryIds(events);
        assertEquals(producers * fired + published, ids.size(), "memory operations received");
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no event twice");
        for (int producer = 0; producer < producers; producer++) {
            String prefix = producer + "-";
            List<String> fromProducer = ids.stream().filter(id -> id.startsWith(prefix)).toList();
            assertEquals(numbered(prefix, 0, fired), fromProducer, "producer " + producer + " in order");
        }
        List<Integer> httpIds = ids.stream().filter(id -> !id.contains("-")).map(Integer::valueOf).toList();
        assertEquals(published, httpIds.size());
        for (int i = 1; i < httpIds.size(); i++) {
            assertTrue(httpIds.get(i) > httpIds.get(i - 1), "published events in order: " + httpIds);
        }
    }

    private static void assertConsecutiveFrom(long first, List<JsonObject> events) {
        for (int i = 0; i < events.size(); i++) {
            assertEquals(first + i, id(events.get(i)), "id of event " + i + ": " + events.get(i));
        }
    }

    /**
     * The same event under the same id wherever both clients saw it (one may have connected a derived
     * {@code load_change} later than the other), and every memory operation seen by both.
     */
    private static void assertSameIdsForTheSameEvents(List<JsonObject> one, List<JsonObject> other) {
        Map<Long, String> byId = idsToEvents(one);
        Map<Long, String> otherById = idsToEvents(other);
        byId.keySet().retainAll(otherById.keySet());
        otherById.keySet().retainAll(byId.keySet());
        assertEquals(byId, otherById, "the same ids for the same events on every instance");
        assertEquals(memoryIds(one), memoryIds(other), "the same memory operations in the same order");
    }

    private static Map<Long, String> idsToEvents(List<JsonObject> events) {
        Map<Long, String> byId = new LinkedHashMap<>();
        events.forEach(event -> byId.put(id(event), type(event) + ":" + memoryIdOrNone(event)));
        return byId;
    }

    private static URI resume(URI live, long since, String epoch) {
        return URI.create(live + "?since=" + since + "&epoch=" + epoch);
    }

    private static List<String> numbered(int from, int count) {
        return numbered("", from, count);
    }

    private static List<String> numbered(String prefix, int from, int count) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    private static List<String> memoryIds(List<JsonObject> events) {
        return events.stream().filter(event -> type(event).equals("memory_operation")).map(ClusterIT::memoryId)
                .collect(Collectors.toList());
    }

    private static String memoryIdOrNone(JsonObject event) {
        return type(event).equals("memory_operation") ? memoryId(event) : "";
    }

    private static String memoryId(JsonObject event) {
        return event.getJsonObject("data").getString("memoryId");
    }

    private static double opsPerSecond(JsonObject loadChange) {
        return loadChange.getJsonObject("data").getJsonNumber("memoryOpsPerSecond").doubleValue();
    }

    private static String type(JsonObject event) {
        return event.getString("type");
    }

    private static long id(JsonObject event) {
        return event.getJsonNumber("id").longValue();
    }
}
