package dev.activitylive.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.Browser;
import dev.activitylive.testsupport.LocalCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The dashboard across a restart of the server (run.sh, stopped with SIGTERM, started again on its port): the page
 * reconnects by itself, is told its events cannot be replayed (a new epoch), says it reloaded and goes on.
 */
@DisabledIfSystemProperty(named = "it.server", matches = "wildfly|liberty", disabledReason = "starts Payara "
        + "Micro with server-config/run.sh: it runs in the Payara legs (ServerScriptIT runs the others' own scripts)")
class DashboardRestartIT {

    @Test
    @Timeout(300)
    void afterARestartThePageReconnectsByItselfAndSaysItReloaded() throws Exception {
        LocalCluster.Instance server = LocalCluster.startAloneReady(
                Map.of("activity.live.heartbeat-interval-ms", "1000"));
        LocalCluster.Instance again = null;
        try (Browser browser = Browser.open()) {
            Api api = server.api();
            browser.get(api.http("").toString());
            browser.awaitText("state", "connected");
            assertEquals(202, api.publish(Api.memoryOperations(0, 3, 10)).statusCode());
            browser.awaitText("memory-total", "3");
            browser.consoleErrors();

            LocalCluster.stop(server);
            browser.awaitText("state", "reconnecting…");
            again = LocalCluster.restart(server);
            browser.await("reloaded after the restart", page -> browser.text("notice").startsWith("reloaded: epoch "));
            assertEquals("connected", browser.text("state"));
            assertEquals("WebSocket", browser.text("transport"), "a server away is no reason to leave WebSockets");
            assertEquals(0, browser.findAll("#feed tr").size(), "the picture started over");
            assertEquals(202, again.api().publish(Api.memoryOperations(3, 2, 10)).statusCode());
            browser.awaitText("memory-total", "5");
            assertEquals(2, browser.findAll("#feed tr").size());
            for (String error : browser.consoleErrors()) {
                assertTrue(error.contains("WebSocket connection to 'ws://127.0.0.1:" + api.http("").getPort()
                        + "/api/v1/activity/live") && error.contains("ERR_CONNECTION_REFUSED"),
                        "the only errors are the attempts while the server was down: " + error);
            }
        } finally {
            if (again != null) {
                LocalCluster.stop(again);
            }
            LocalCluster.stop(server);
        }
    }
}
