package dev.activitylive.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.LocalCluster;
import dev.activitylive.testsupport.TestSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * A server started by {@code server-config/run.sh}, watched from its first moment to its last by a client that tries
 * a handshake, a publish and readiness every 20 ms: while it boots it refuses connections, then it serves, and while
 * it stops its clients get 1001 and it refuses again. Never a 500, an HTML page, the container's name or a class
 * name; and its log has no warning of its own. Alone, it loads none of the cluster's classes, so none of Hazelcast's
 * through them.
 */
@DisabledIfSystemProperty(named = "it.server", matches = "wildfly|liberty", disabledReason = "starts Payara "
        + "Micro with server-config/run.sh: it runs in the Payara legs (ServerScriptIT runs the others' own scripts)")
class StartAndStopIT {

    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final String PASSWORD = Api.PUBLISHER_PASSWORD;

    /** One try of the probe: what it asked and what came back (or that nothing listened). */
    record Answer(String what, String statusLine, String contentType, String body) {

        boolean refused() {
            return statusLine.equals("refused");
        }

        /** The HTTP status; 0 if nothing listened, -1 if the connection ended without an answer. */
        int status() {
            return refused() ? 0 : statusLine.startsWith("HTTP/") ? Integer.parseInt(statusLine.split(" ")[1]) : -1;
        }

        boolean succeeded() {
            return status() == 101 || status() == 202 || status() == 200;
        }
    }

    @Test
    @Timeout(330) // two boots, if the first hangs
    void bootingRefusesThenServesAndStoppingClosesClientsThenRefusesWithNothingInBetween() throws Exception {
        Path classes = LocalCluster.file("alone-classes.log");
        Watched boot = startAndWatch(classes);
        LocalCluster.Instance server = boot.server();
        List<Answer> booting = boot.answers();
        try {
            assertTrue(boot.served(), "served within " + BOOT + ": " + last(booting));
            int firstSuccess = firstIndex(booting, Answer::succeeded);
            assertTrue(firstSuccess > 0, "it was seen booting at all");
            assertTrue(booting.subList(0, firstSuccess).stream().allMatch(Answer::refused),
                    "refused until it served: " + booting.subList(0, firstSuccess).stream()
                            .filter(answer -> !answer.refused()).toList());
            assertTrue(booting.subList(firstSuccess, booting.size()).stream().allMatch(Answer::succeeded),
                    "once serving, always serving: " + booting.subList(firstSuccess, booting.size()));

            try (TestSocket dashboard = TestSocket.connected(server.api().live())) {
                AtomicBoolean watching = new AtomicBoolean(true);
                CompletableFuture<List<Answer>> stopping = CompletableFuture.supplyAsync(() -> {
                    List<Answer> seen = new ArrayList<>();
                    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (watching.get() && System.nanoTime() < until) {
                        List<Answer> round = probe(server.api().http("").getPort());
                        seen.addAll(round);
                        if (round.stream().allMatch(Answer::refused) && !server.process().isAlive()) {
                            break;
                        }
                        Api.pause(Duration.ofMillis(20));
                    }
                    return seen;
                });
                Api.pause(Duration.ofMillis(200));
                server.process().destroy(); // SIGTERM, as an operator stops it
                assertEquals(new TestSocket.Closed(1001, "Server shutting down"), dashboard.awaitClose(Duration.ofSeconds(10)));
                List<Answer> seen = stopping.get(60, TimeUnit.SECONDS);
                watching.set(false);
                for (Answer answer : seen) {
                    // A connection the closing listener cut is no answer, not a wrong one.
                    assertTrue(answer.refused() || answer.succeeded() || answer.status() == -1
                                    || (answer.status() == 503 && answer.contentType().startsWith("application/json")),
                            "while stopping: " + answer);
                }
                booting.addAll(seen);
                assertTrue(seen.get(seen.size() - 1).refused(), "it ends refusing");
                assertTrue(server.process().waitFor(30, TimeUnit.SECONDS),
                        "the JVM exits by itself after SIGTERM");
            }
            for (Answer answer : booting) {
                assertFalse(answer.body().contains("<html") || answer.body().contains("Payara")
                        || answer.statusLine().contains("Payara") || answer.statusLine().contains("dev.activitylive"),
                        answer.toString());
            }
        } finally {
            LocalCluster.stop(server);
        }
        String log = Files.readString(server.log(), StandardCharsets.UTF_8);
        assertEquals(List.of(), log.lines().filter(line -> line.contains("[WARNING]") || line.contains("[SEVERE]")
                || line.startsWith("JdbcRuntimeExtension") || line.startsWith("Exception in thread")).toList(),
                "a clean start and stop");
        assertTrue(log.contains("run.sh: activity-live on http://127.0.0.1:"), "the URL that works is printed");
        List<String> loaded = Files.readAllLines(classes, StandardCharsets.UTF_8);
        assertTrue(loaded.stream().anyMatch(line -> line.contains(" dev.activitylive.stream.MemoryBroker ")),
                "the class log shows our classes");
        assertEquals(List.of(), loaded.stream().filter(line -> line.contains(" dev.activitylive.cluster.")).toList(),
                "cluster=off loads nothing of the cluster");
    }

    /** A server started and probed from its first moment: the answers, and whether it came to serve. */
    private record Watched(LocalCluster.Instance server, List<Answer> answers, boolean served) {
    }

    /**
     * Starts the server and probes it until it serves or {@link #BOOT} runs out. A boot that hung in Payara's own
     * start-up (the container's, see LocalCluster.booted) is started and watched once more.
     */
    private static Watched startAndWatch(Path classes) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.deleteIfExists(classes);
            LocalCluster.Instance server = LocalCluster.startAlone(Map.of(), "-Xlog:class+load=info:file=" + classes);
            List<Answer> booting = new ArrayList<>();
            long deadline = System.nanoTime() + BOOT.toNanos();
            boolean served = false;
            while (!served && System.nanoTime() < deadline && server.process().isAlive()) {
                List<Answer> round = probe(server.api().http("").getPort());
                booting.addAll(round);
                served = round.stream().allMatch(Answer::succeeded);
                Api.pause(Duration.ofMillis(20));
            }
            if (served || attempt == 2 || !LocalCluster.abandonIfHung(server)) {
                return new Watched(server, booting, served);
            }
        }
    }

    /** A handshake, a publish and readiness, each on a connection of its own. */
    private static List<Answer> probe(int port) {
        String host = "Host: 127.0.0.1:" + port + "\r\n";
        String body = "{\"type\":\"system_event\",\"data\":{\"event\":\"health_change\"}}";
        String auth = java.util.Base64.getEncoder().encodeToString(("publisher:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return List.of(
                send(port, "handshake", "GET /api/v1/activity/live HTTP/1.1\r\n" + host + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n"),
                send(port, "publish", "POST /api/v1/activity/events HTTP/1.1\r\n" + host
                        + "Authorization: Basic " + auth + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body),
                send(port, "readiness", "GET /health/ready HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n"));
    }

    /** Sends {@code request} and reads the head and what body comes within a moment; "refused" if nothing listens. */
    private static Answer send(int port, String what, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    received.write(buffer, 0, read);
                    if (what.equals("handshake") && received.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException enough) {
                // what came is the answer
            }
            String text = received.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String statusLine = head.lines().findFirst().orElse("(no answer)");
            String contentType = head.lines().filter(line -> line.toLowerCase().startsWith("content-type:"))
                    .map(line -> line.substring(13).trim()).findFirst().orElse("");
            return new Answer(what, statusLine.isEmpty() ? "(no answer)" : statusLine, contentType,
                    end < 0 ? "" : text.substring(end + 4));
        } catch (ConnectException refused) {
            return new Answer(what, "refused", "", "");
        } catch (IOException cut) {
            return new Answer(what, "(cut: " + cut.getClass().getSimpleName() + ")", "", "");
        }
    }

    private static int firstIndex(List<Answer> answers, java.util.function.Predicate<Answer> test) {
        for (int i = 0; i < answers.size(); i++) {
            if (test.test(answers.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<Answer> last(List<Answer> answers) {
        return answers.subList(Math.max(0, answers.size() - 3), answers.size());
    }
}
