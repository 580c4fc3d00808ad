package dev.activitylive.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.TestSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code write-delay-ms}: events published one at a time within a delay window reach each client in one write, not one
 * write each, all of them, in order. (Every other deployment runs without a delay, where a lone event is written at
 * once.)
 */
class WriteDelayIT extends DeployedTest {

    private static final int DELAY_MS = 500;
    private static final int CLIENTS = 3;
    private static final int EVENTS = 30;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // No heartbeats and no derived load events: only the published events are written.
        return Deployments.activityLive(Map.of(
                "activity.live.write-delay-ms", String.valueOf(DELAY_MS),
                "activity.live.heartbeat-interval-ms", "600000",
                "activity.live.load.derived", "off"));
    }

    @Test
    void eventsPublishedOneAtATimeWithinTheDelayShareEachClientsWrites() {
        List<TestSocket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(TestSocket.connected(api.live()));
            }
            api.awaitClientCount(CLIENTS);
            Api.pause(Duration.ofMillis(2L * DELAY_MS)); // the connection_established frames are written
            double before = api.metric("activity_live_client_writes", "");
            long start = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                assertEquals(202, api.publish(Api.memoryOperations(i, 1, 10)).statusCode());
            }
            long windows = (System.nanoTime() - start) / Duration.ofMillis(DELAY_MS).toNanos() + 2;
            assumeTrue(windows * CLIENTS < EVENTS * CLIENTS / 2, "publishing took too long to tell: " + windows);
            for (TestSocket client : clients) {
                for (int i = 0; i < EVENTS; i++) {
                    assertEquals(String.valueOf(i), client.nextEvent().getJsonObject("data").getString("memoryId"));
                }
            }
            double writes = api.metric("activity_live_client_writes", "") - before;
            assertTrue(writes >= CLIENTS && writes <= windows * CLIENTS, writes + " writes for " + EVENTS * CLIENTS
                    + " deliveries over at most " + windows + " delay windows");
        } finally {
            clients.forEach(TestSocket::close);
        }
    }
}
