package dev.activitylive.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.endpoint.LiveEndpoint;
import dev.activitylive.fanout.LiveClient;
import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.RawSocket;
import dev.activitylive.testsupport.TestSocket;
import dev.activitylive.wire.MessageRate;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Peers that go away badly — a TCP reset, a peer gone right after or during the handshake, a silent (half-open)
 * peer — are forgotten, and a minute of random churn under a flow of events leaves no client, no pending drain and
 * no retained heap of ours behind.
 */
class ResilienceIT extends DeployedTest {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CHURN = Duration.ofSeconds(60);
    private static final int CHURN_CLIENTS = 120;
    /** Brings up the container's HTTP worker threads (each caches request objects and buffers) and the JIT. */
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    /**
     * Grizzly keeps a closed connection in its idle-timeout queue until the listener's keep-alive timeout (30 s)
     * passes: measured right after the churn, the heap holds the last ~7,000 connections (~20 MB) for that long.
     */
    private static final Duration SETTLE = Duration.ofSeconds(32);
    /**
     * What the container may add over the minute: measured +6 to +15 MB, all in its per-thread request caches (byte
     * buffers, Grizzly chunks, ~90 more pooled requests), none in objects of ours. A leak of 400 bytes per connection
     * of the ~45,000 passes it; a leak of our clients is caught exactly by the instance count.
     */
    private static final long HEAP_GROWTH_LIMIT = 18L << 20;
    // From the classes themselves, so that a class renamed or moved is not silently counted as none.
    private static final String CLIENT = LiveClient.class.getName();
    private static final String ENDPOINT = LiveEndpoint.class.getName();
    private static final String OUR_PER_CLIENT_CLASSES = String.join(",", CLIENT, ENDPOINT, Outbox.class.getName(),
            MessageRate.class.getName());
    /**
     * In 2 of ~10 runs the container still held one closed connection's endpoint (and so its client, whose queue is
     * emptied on removal) a minute after the churn: a close that never completed inside Tyrus, about 1 in 40,000
     * connections. A leak of ours would leave thousands, and not through endpoints.
     */
    private static final long CONTAINER_HELD_LIMIT = 3;
    /** What {@code live-instances} answers when none is left: every class with 0, in name order. */
    private static final String NONE_OF_OURS = new TreeMap<>(Stream.of(OUR_PER_CLIENT_CLASSES.split(","))
            .collect(Collectors.toMap(name -> name, name -> 0))).toString();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of(
                "activity.live.heartbeat-interval-ms", "1000",
                "activity.live.client-timeout-ms", String.valueOf(CLIENT_TIMEOUT.toMillis()),
                "activity.live.client-queue-max-bytes", "65536",
                "activity.live.max-clients", "500"));
    }

    @Test
    void aConnectionEndedByATcpResetIsForgotten() throws Exception {
        RawSocket crashed = RawSocket.connect(api.live(), 5_000);
        crashed.read();
        api.awaitClientCount(1);
        crashed.reset();
        api.awaitClientCount(0);
    }

    @Test
    void peersGoneRightAfterTheHandshakeAreForgotten() throws Exception {
        for (int i = 0; i < 50; i++) {
            assertEquals(101, RawSocket.handshake(api.live(), Map.of()).status());
        }
        api.awaitClientCount(0);
    }

    @DisabledIfSystemProperty(named = "it.server", matches = "wildfly", disabledReason = "on WildFly 39.0.1 the "
            + "objects of connections reset during their handshake stay reachable (295 of 300): not explained yet")
    @Test
    void peersResetDuringTheHandshakeLeaveNothingBehind() throws Exception {
        // Relative: an endpoint the container kept from an earlier test (see CONTAINER_HELD_LIMIT) stays kept.
        long before = counts(diagnostics("live-instances?classes=" + OUR_PER_CLIENT_CLASSES))
                .get(CLIENT);
        for (int i = 0; i < 300; i++) {
            RawSocket.handshakeAndReset(api.live());
        }
        api.awaitClientCount(0);
        long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        long after = Long.MAX_VALUE;
        while (after > before && System.nanoTime() < until) {
            Api.pause(Duration.ofSeconds(1));
            after = counts(diagnostics("live-instances?classes=" + OUR_PER_CLIENT_CLASSES))
                    .get(CLIENT);
        }
        assertTrue(after <= before, after + " clients' objects alive after the resets, " + before + " before");
    }

    @Test
    void aSilentHalfOpenPeerIsClosedByTheIdleRule() throws Exception {
        // What the server sees of a peer whose network vanished: writes still go into buffers, nothing comes back.
        try (RawSocket silent = RawSocket.connect(api.live(), 30_000)) {
            api.awaitClientCount(1);
            assertEquals(1000, silent.readUntilClose().closeCode());
            api.awaitClientCount(0);
        }
    }

    @DisabledIfSystemProperty(named = "it.server", matches = "wildfly|liberty", disabledReason = "the container "
            + "still held endpoints of closed connections a minute after the churn, beyond the limit here: 8 on "
            + "WildFly 39.0.1, 4 to 6 of about 3,000 on Open Liberty 26.0.0.3; not explained yet")
    @Test
    @Timeout(240)
    @SuppressWarnings("try") // the first client only has to be connected
    void aMinuteOfChurnUnderLoadLeavesNoClientNoDrainAndNoHeapOfOursBehind() throws Exception {
        try (TestSocket one = TestSocket.connected(api.live())) {
            assertTrue(!diagnostics("live-instances?classes=" + OUR_PER_CLIENT_CLASSES).equals(NONE_OF_OURS),
                    "the probe sees a connected client's objects");
        }
        churn(WARM_UP);
        Api.pause(SETTLE);
        long before = heapAfterGc();
        Churned churned = churn(CHURN);
        long afterChurn = heapAfterGc();
        Api.pause(SETTLE);
        long after = heapAfterGc();
        String ours = ourObjectsOnceGone(Duration.ofSeconds(30));
        System.out.printf("churn: %d connections opened, %d events fired, %d delivered to churning clients; "
                        + "heap after full GC %.1f MB before, %.1f MB right after the churn, %.1f MB settled "
                        + "(%+.1f MB); our objects left: %s%n", churned.opened, churned.fired, churned.delivered,
                before / 1e6, afterChurn / 1e6, after / 1e6, (after - before) / 1e6, ours);
        // Enough that a leak of ours shows (Payara ~40,000 a minute here, Open Liberty ~3,000).
        assertTrue(churned.opened > 2_000, "the churn ran: " + churned.opened + " connections");
        assertEquals(0, api.clientCount());
        // A writer can be stuck for good in a deadlock inside the container (Tyrus's servlet writer against the
        // servlet read handler, see Writers); the reaper has replaced it by now. It is the only drain allowed left.
        int stuck = Integer.parseInt(diagnostics("stuck-writers"));
        String stacks = diagnostics("writer-stacks");
        if (stuck > 0) {
            System.out.println("churn: " + stuck + " writer thread(s) stuck in the container, replaced:\n" + stacks);
            assertTrue(stacks.contains("BLOCKED") && stacks.contains("org.glassfish.tyrus"), stacks);
        }
        assertEquals(String.valueOf(stuck), pendingDrainsOnceNone(stuck, Duration.ofSeconds(10)),
                () -> "no outbox drain left queued or running but stuck ones; writer threads:\n" + stacks);
        Map<String, Long> left = counts(ours);
        long clientsLeft = left.get(CLIENT);
        long throughEndpoints = left.get(ENDPOINT);
        if (clientsLeft > 0) {
            System.out.println("churn: writer threads while clients are left:\n" + diagnostics("writer-stacks"));
        }
        assertEquals(Map.of(CLIENT, clientsLeft, ENDPOINT, throughEndpoints, Outbox.class.getName(), clientsLeft,
                MessageRate.class.getName(), clientsLeft), left);
        // An endpoint the container holds may have no client at all (seen once in Payara 7.2025.1's leg: Tyrus kept
        // the endpoint of a connection whose session never opened); it pins nothing of ours but itself.
        assertTrue(clientsLeft - Math.min(throughEndpoints, clientsLeft) <= stuck, "every client object left is held "
                + "through its endpoint, which only the container holds, or by a stuck write: " + left);
        assertTrue(Math.max(clientsLeft, throughEndpoints) <= CONTAINER_HELD_LIMIT,
                left + ": endpoints still held by the container");
        assertTrue(after - before < HEAP_GROWTH_LIMIT, "retained heap grew by " + (after - before) + " bytes");
    }

    private record Churned(int opened, long fired, long delivered) {
    }

    /**
     * Opens and closes clients at random for {@code duration} while events flow: up to {@link #CHURN_CLIENTS} at a
     * time, half of them subscribed to one type, each ended politely, by abort (no close frame) or by TCP reset.
     */
    private Churned churn(Duration duration) throws Exception {
        long until = System.nanoTime() + duration.toNanos();
        AtomicBoolean churning = new AtomicBoolean(true);
        AtomicLong fired = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        AtomicInteger opened = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        HttpClient http = HttpClient.newHttpClient(); // its own, so its connections end with it
        try {
            Future<?> producer = pool.submit(() -> {
                while (churning.get()) {
                    api.fire("count=200&pauseMillis=5");
                    fired.addAndGet(200);
                }
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                long seed = w;
                workers.add(pool.submit(() -> {
                    churnOneShare(http, new Random(seed), until, opened, delivered);
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
            }
            churning.set(false);
            producer.get(60, TimeUnit.SECONDS);
            api.awaitClientCount(0);
            return new Churned(opened.get(), fired.get(), delivered.get());
        } finally {
            churning.set(false);
            pool.shutdownNow();
        }
    }

    private void churnOneShare(HttpClient http, Random random, long until, AtomicInteger opened, AtomicLong delivered)
            throws Exception {
        List<Object> open = new ArrayList<>();
        while (System.nanoTime() < until) {
            if (open.size() < CHURN_CLIENTS / 4 && (open.isEmpty() || random.nextInt(100) < 55)) {
                open.add(connect(http, random, delivered));
                opened.incrementAndGet();
            } else {
                end(open.remove(random.nextInt(open.size())), random);
            }
        }
        for (Object client : open) {
            end(client, random);
        }
    }

    private Object connect(HttpClient http, Random random, AtomicLong delivered) throws Exception {
        if (random.nextInt(4) == 0) {
            RawSocket raw = RawSocket.connect(api.live(), 5_000);
            raw.read();
            return raw;
        }
        WebSocket socket = http.newWebSocketBuilder().buildAsync(api.live(), new Counting(delivered))
                .get(10, TimeUnit.SECONDS);
        if (random.nextBoolean()) {
            socket.sendText("{\"action\":\"subscribe\",\"types\":[\"memory_operation\"]}", true)
                    .get(10, TimeUnit.SECONDS);
        }
        return socket;
    }

    private static void end(Object client, Random random) throws Exception {
        if (client instanceof RawSocket raw) {
            raw.reset();
        } else if (client instanceof WebSocket socket) {
            if (random.nextBoolean()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(error -> null);
            }
            socket.abort();
        }
    }

    /**
     * Our per-client objects still alive, polled until none is or {@code patience} passes: the container releases a
     * connection's endpoint only once its close has run its course (up to the keep-alive timeout for some).
     */
    private String ourObjectsOnceGone(Duration patience) {
        long until = System.nanoTime() + patience.toNanos();
        String ours = diagnostics("live-instances?classes=" + OUR_PER_CLIENT_CLASSES);
        while (!ours.equals(NONE_OF_OURS) && System.nanoTime() < until) {
            Api.pause(Duration.ofSeconds(2));
            ours = diagnostics("live-instances?classes=" + OUR_PER_CLIENT_CLASSES);
        }
        return ours;
    }

    /**
     * Drains queued or running, polled until only the {@code stuck} ones are: a write the container completes late
     * resumes its client's drain for a moment even after the client is gone (it then finds nothing to send).
     */
    private String pendingDrainsOnceNone(int stuck, Duration patience) {
        long until = System.nanoTime() + patience.toNanos();
        String pending = diagnostics("pending-drains");
        while (!pending.equals(String.valueOf(stuck)) && System.nanoTime() < until) {
            Api.pause(Duration.ofMillis(200));
            pending = diagnostics("pending-drains");
        }
        return pending;
    }

    /** Parses the diagnostics' {@code {a=1, b=2}}. */
    private static Map<String, Long> counts(String text) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String entry : text.substring(1, text.length() - 1).split(", ")) {
            String[] pair = entry.split("=");
            counts.put(pair[0], Long.parseLong(pair[1]));
        }
        return counts;
    }

    private long heapAfterGc() {
        return Long.parseLong(diagnostics("heap-after-gc"));
    }

    private String diagnostics(String query) {
        return Api.send(HttpRequest.newBuilder(api.http("test/diagnostics/" + query)).GET()).body();
    }

    /** A churning dashboard: counts what it gets and keeps none of it. */
    private static final class Counting implements WebSocket.Listener {
        private final AtomicLong delivered;

        Counting(AtomicLong delivered) {
            this.delivered = delivered;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last) {
                delivered.incrementAndGet();
            }
            return null;
        }
    }
}
