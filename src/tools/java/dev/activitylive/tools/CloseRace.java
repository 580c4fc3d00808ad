package dev.activitylive.tools;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Provokes the container's close race that {@code ReadHandlerLock} avoids (docs/architecture.md, "Container
 * workarounds"): 8 clients at a time connect, read a little of a stream of 2 KB events, send a close frame and reset
 * the connection, while a publisher keeps the writers busy.
 * Against a build without the read-handler lock it left 2–5 writer threads deadlocked in 90 s; read
 * {@code activity_live_stuck_writers} in {@code /metrics} afterwards (and {@code jstack PID}). Runs as a single source
 * file on loopback, for a bounded time:
 *
 * <pre>java src/tools/java/dev/activitylive/tools/CloseRace.java PORT PUBLISHER_PASSWORD SECONDS</pre>
 */
public final class CloseRace {

    private static final String HOST = "127.0.0.1";
    private static final int CLIENT_THREADS = 8;

    private CloseRace() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String auth = "Basic " + Base64.getEncoder()
                .encodeToString(("publisher:" + args[1]).getBytes(StandardCharsets.UTF_8));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(Long.parseLong(args[2]), 600));
        AtomicLong cycles = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS + 1);
        String events = events();
        pool.submit(() -> publish(port, auth, events, until));
        for (int t = 0; t < CLIENT_THREADS; t++) {
            pool.submit(() -> {
                Random random = new Random();
                while (System.nanoTime() < until) {
                    closeAndReset(port, random);
                    cycles.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(11, TimeUnit.MINUTES);
        System.out.println(cycles.get() + " connections closed and reset");
    }

    private static String events() {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\","
                    + "\"userId\":\"u\",\"sector\":\"").append("x".repeat(2000)).append("\",\"success\":true}}");
        }
        return batch.append(']').toString();
    }

    private static Void publish(int port, String auth, String events, long until) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI endpoint = URI.create("http://" + HOST + ":" + port + "/api/v1/activity/events");
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json").header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString(events)).build();
        while (System.nanoTime() < until) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        return null;
    }

    /** One client: handshake, read some frames, a masked close frame (1000), then a TCP reset. */
    private static void closeAndReset(int port, Random random) {
        try (Socket socket = new Socket(HOST, port)) {
            socket.setSoTimeout(5_000);
            socket.setReceiveBufferSize(4_096);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/activity/live HTTP/1.1\r\nHost: " + HOST + ":" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            in.readNBytes(200 + random.nextInt(3_000));
            Thread.sleep(random.nextInt(20));
            byte[] mask = {1, 2, 3, 4};
            out.write(new byte[] {(byte) 0x88, (byte) 0x82, mask[0], mask[1], mask[2], mask[3],
                (byte) (0x03 ^ mask[0]), (byte) (0xE8 ^ mask[1])});
            out.flush();
            socket.setSoLinger(true, 0);
        } catch (Exception expected) {
            // the server may close first; the race is the point
        }
    }
}
