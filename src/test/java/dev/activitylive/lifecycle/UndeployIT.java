package dev.activitylive.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.TestSocket;
import dev.activitylive.testsupport.ops.OpsApplication;
import dev.activitylive.testsupport.ops.OpsResource;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploy and redeploy in a running Payara Micro, driven from a test-only WAR deployed beside the application
 * ({@link OpsResource}): clients get 1001, and no timer or writer thread of an undeployed application lives on.
 * Also: a bad setting stops the deployment with a message naming the key.
 */
@ExtendWith(ArquillianExtension.class)
@DisabledIfSystemProperty(named = "it.server", matches = "wildfly|liberty", disabledReason = "drives Payara Micro's "
        + "own deployer from inside the server (PayaraMicroRuntime); there, ServerStopIT undeploys through Arquillian")
class UndeployIT {

    private static final Duration HEARTBEAT = Duration.ofMillis(200);

    @Deployment(testable = false)
    static WebArchive ops() {
        return ShrinkWrap.create(WebArchive.class, "ops.war").addClasses(OpsApplication.class, OpsResource.class);
    }

    @ArquillianResource
    URL opsBase;

    @Test
    void undeployClosesEveryClientWith1001AndStopsItsTimersEveryTime() {
        // With the derived load's timer too; redeploying also re-registers the metrics (a leftover gauge would clash).
        byte[] war = bytes(Deployments.activityLive(Map.of(
                "activity.live.heartbeat-interval-ms", String.valueOf(HEARTBEAT.toMillis()),
                "activity.live.load.derived", "on", "activity.live.load.interval-ms", "100")));
        for (int round = 1; round <= 2; round++) {
            List<String> threadsBefore = managedThreads();
            assertTrue(deploy("live", war).getBoolean("deployed"), "deployment " + round);
            Api live = new Api(appUrl("live"));
            List<TestSocket> sockets = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sockets.add(TestSocket.connected(live.live()));
            }
            sockets.forEach(socket -> socket.nextMatching(TestSocket::isKeepalive));
            assertEquals(3, live.metric("activity_live_clients", ""), "this deployment's gauge, round " + round);
            int whileDeployed = logRecords();
            Api.pause(HEARTBEAT.multipliedBy(3));
            assertTrue(logRecords() > whileDeployed, "the heartbeat's ticks are seen while deployed: the probe works");
            assertTrue(managedThreads().size() > threadsBefore.size(),
                    "the writer threads are seen while deployed: the probe works " + managedThreads());

            undeploy("live");
            for (TestSocket socket : sockets) {
                TestSocket.Closed closed = socket.awaitClose(Duration.ofSeconds(10));
                assertEquals(new TestSocket.Closed(1001, "Server shutting down"), closed, "round " + round);
            }
            int afterUndeploy = logRecords();
            Api.pause(HEARTBEAT.multipliedBy(5));
            assertEquals(afterUndeploy, logRecords(), "the undeployed application is silent: no timer of it runs, "
                    + "round " + round);
            assertEquals(threadsBefore, managedThreads(), "no writer thread of the undeployed application lives on, "
                    + "round " + round);
        }
    }

    @Test
    void aBadSettingStopsTheDeploymentWithAMessageNamingTheKey() {
        JsonObject result = deploy("misconfigured", bytes(Deployments.activityLive(Map.of(
                "activity.live.max-clients", "-5",
                "activity.live.heartbeat-interval-ms", "soon"))));
        assertFalse(result.getBoolean("deployed"));
        String warnings = result.getJsonArray("warnings").toString();
        assertTrue(warnings.contains("activity.live.max-clients='-5'"), warnings);
        assertTrue(warnings.contains("activity.live.heartbeat-interval-ms='soon'"), warnings);
        assertEquals(404, Api.send(HttpRequest.newBuilder(URI.create(appUrl("misconfigured")
                + "api/v1/activity/clients")).GET()).statusCode(), "nothing is served");
    }

    private JsonObject deploy(String name, byte[] war) {
        HttpResponse<String> response = Api.send(HttpRequest.newBuilder(ops("apps/" + name))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(war)));
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private void undeploy(String name) {
        assertEquals(204, Api.send(HttpRequest.newBuilder(ops("apps/" + name)).DELETE()).statusCode());
    }

    private int logRecords() {
        return Integer.parseInt(Api.send(HttpRequest.newBuilder(ops("apps/log-records")).GET()).body());
    }

    private List<String> managedThreads() {
        return Json.createReader(new StringReader(Api.send(HttpRequest.newBuilder(ops("apps/managed-threads")).GET())
                .body())).readArray().getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    private URI ops(String path) {
        return URI.create(opsBase.toString()).resolve("ops/" + path);
    }

    private URL appUrl(String name) {
        try {
            return URI.create(opsBase.toString()).resolve("/" + name + "/").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(WebArchive war) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        war.as(ZipExporter.class).exportTo(out);
        return out.toByteArray();
    }
}
