package dev.activitylive.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.LocalCluster;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The server's own command, {@code server-config/wildfly/run.sh} or {@code server-config/liberty/run.sh}, as a user
 * runs it after {@code mvn package}: the WAR at {@code /}, the dashboard served, the protocol for a client, nothing
 * listening beyond 127.0.0.1, and SIGTERM to the PID it runs as closing the client with 1001 and ending the process.
 * (On Payara, StartAndStopIT watches {@code server-config/run.sh}.)
 */
@EnabledIfSystemProperty(named = "it.server", matches = "wildfly|liberty",
        disabledReason = "on Payara, StartAndStopIT watches server-config/run.sh")
class ServerScriptIT {

    private static final String PUBLISHER_PASSWORD = "script-" + System.nanoTime();
    private static final Duration BOOT = Duration.ofSeconds(150);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theServersOwnScriptServesTheDashboardAndTheProtocolAndEndsOnSigterm() throws Exception {
        String server = System.getProperty("it.server").toLowerCase(Locale.ROOT);
        int port = LocalCluster.freePort();
        Path log = LocalCluster.file(server + "-run.log");
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("server-config", server, "run.sh").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(LocalCluster.freePort()));
        builder.environment().put("ACTIVITY_LIVE_WORKDIR", Path.of("target", server + "-script-it").toAbsolutePath()
                .toString());
        builder.environment().put("ACTIVITY_PUBLISHER_PASSWORD", PUBLISHER_PASSWORD);
        Process process = builder.start();
        try {
            Api api = new Api(URI.create("http://127.0.0.1:" + port + "/").toURL());
            awaitServing(api, process, log);

            HttpResponse<String> dashboard = Api.send(HttpRequest.newBuilder(api.http("activity-live/")).GET());
            assertEquals(200, dashboard.statusCode(), dashboard.body());
            assertTrue(dashboard.body().contains("activity-live"), dashboard.body());

            try (TestSocket client = TestSocket.connected(api.live())) {
                client.send("{\"action\":\"ping\"}");
                JsonObject pong = client.nextEvent();
                assertEquals("heartbeat", pong.getString("type"));
                assertEquals("pong", pong.getJsonObject("data").getString("message"));
                HttpResponse<String> published = api.post("api/v1/activity/events", "{\"type\":\"system_event\","
                        + "\"data\":{\"event\":\"startup\"}}", "publisher", PUBLISHER_PASSWORD);
                assertEquals(202, published.statusCode(), published.body());
                assertEquals("startup", client.nextMatching(message -> "system_event".equals(message.getString("type")))
                        .getJsonObject("data").getString("event"));

                assertEquals(List.of(), listenersBeyondLoopback(process.pid()), "nothing listens beyond 127.0.0.1");

                process.destroy(); // SIGTERM, to the PID the script ran as
                // The reason is activity-live's, or none where WildFly closes the sessions first (docs/servers.md).
                TestSocket.Closed closed = client.awaitClose(Duration.ofSeconds(30));
                assertEquals(1001, closed.code(), closed.toString());
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server ended after SIGTERM: " + tail(log));
        } finally {
            process.destroyForcibly();
        }
    }

    private static void awaitServing(Api api, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "the script ended early: " + tail(log));
            try {
                HttpResponse<String> home = Api.send(HttpRequest.newBuilder(api.http("")).GET());
                if (home.statusCode() == 303) {
                    return;
                }
            } catch (RuntimeException | AssertionError notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not serving within " + BOOT + ": " + tail(log));
    }

    /** The listening sockets of {@code pid} bound to anything but 127.0.0.1, from {@code ss}. */
    private static List<String> listenersBeyondLoopback(long pid) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-Hltnp").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor(10, TimeUnit.SECONDS);
        return out.lines().filter(line -> line.contains("pid=" + pid + ","))
                .map(line -> line.trim().split("\\s+")[3])
                .filter(local -> !local.startsWith("127.0.0.1:"))
                .toList();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
