package dev.activitylive.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The original handler in its small Node server ({@code src/peers/seed-peer}), copied to {@code target/seed-peer},
 * installed and built as its own run.sh does, and started on 127.0.0.1: what old dashboards talk to.
 */
public final class SeedPeer implements AutoCloseable {

    private static final Path SOURCE = Path.of("src", "peers", "seed-peer");
    private static final Path BUILT = Path.of("target", "seed-peer");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final int port;
    private final Duration heartbeat;
    private Process process;

    private SeedPeer(int port, Duration heartbeat) {
        this.port = port;
        this.heartbeat = heartbeat;
    }

    /** Builds the peer if needed and starts it with heartbeats every {@code heartbeat}. */
    public static SeedPeer start(Duration heartbeat) throws IOException, InterruptedException {
        build();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        SeedPeer peer = new SeedPeer(port, heartbeat);
        peer.startAgain();
        return peer;
    }

    private static synchronized void build() throws IOException, InterruptedException {
        if (Files.exists(BUILT.resolve("dist/src/server.js"))) {
            return;
        }
        try (Stream<Path> files = Files.walk(SOURCE)) {
            for (Path file : files.toList()) {
                Path copy = BUILT.resolve(SOURCE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Process build = new ProcessBuilder("bash", "-c",
                "npm ci --no-audit --no-fund && ./node_modules/.bin/tsc -p tsconfig.json")
                .directory(BUILT.toFile()).redirectErrorStream(true)
                .redirectOutput(BUILT.resolve("build.log").toFile()).start();
        if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new AssertionError("building the seed peer failed: "
                    + Files.readString(BUILT.resolve("build.log"), StandardCharsets.UTF_8));
        }
    }

    /** Starts the server (again, after {@link #stop}) on its port. */
    public void startAgain() throws IOException, InterruptedException {
        ProcessBuilder command = new ProcessBuilder("node", "dist/src/server.js").directory(BUILT.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        BUILT.resolve("server.log").toFile()));
        command.environment().put("PORT", String.valueOf(port));
        command.environment().put("HOST", "127.0.0.1");
        command.environment().put("HEARTBEAT_MS", String.valueOf(heartbeat.toMillis()));
        process = command.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the seed peer did not start; see " + BUILT.resolve("server.log"));
            }
            Thread.sleep(50);
        }
    }

    private boolean listening() {
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Publishes {@code json} as the original's publish endpoint takes it; answers the status. Over HTTP/1.1 without
     * an h2c upgrade offer, which the peer's WebSocket server would take for a handshake (and refuse a POST, 405).
     */
    public int publish(String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base().resolve("/api/v1/activity/events"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new AssertionError("publishing to the seed peer failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Freezes ({@code true}: SIGSTOP) or thaws (SIGCONT) the server: a link that is dead without being closed. */
    public void freeze(boolean frozen) throws IOException, InterruptedException {
        Process signal = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", String.valueOf(process.pid())).start();
        if (!signal.waitFor(10, TimeUnit.SECONDS) || signal.exitValue() != 0) {
            throw new AssertionError("could not signal the seed peer");
        }
    }

    /** Stops the server (SIGTERM) and waits for it to exit. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            try {
                freeze(false);
            } catch (IOException | InterruptedException | AssertionError ignored) {
                // stopped below all the same
            }
            stop();
        }
    }
}
