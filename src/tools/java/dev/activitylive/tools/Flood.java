package dev.activitylive.tools;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hostile clients against a running server, and what they cost the others: ten well-behaved clients (victims) get
 * 200 events a second published one per request, each stamped with the publisher's clock, while {@code N} attackers
 * run; prints the victims' publish-to-receive percentiles, what they missed, and how the attackers were closed.
 * Attackers reconnect whenever they are closed, for a bounded time; everything runs on loopback.
 *
 * <pre>
 * java src/tools/java/dev/activitylive/tools/Flood.java PORT PUBLISHER_PASSWORD MODE N SECONDS
 *   MODE ping     each attacker writes ping frames back to back
 *   MODE endless  each attacker announces a 2^40-byte frame and streams its payload
 *   MODE none     no attacker: the victims' baseline
 * </pre>
 * With {@code SERVER_PID} set, also prints the server's heap in use after a full GC (jcmd) while the attackers run.
 */
public final class Flood {

    private static final String HOST = "127.0.0.1";
    private static final int VICTIMS = 10;
    private static final int EVENTS_PER_SECOND = 200;

    private Flood() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String auth = "Basic " + Base64.getEncoder().encodeToString(("publisher:" + args[1])
                .getBytes(StandardCharsets.UTF_8));
        String mode = args[2];
        int attackers = Integer.parseInt(args[3]);
        long seconds = Math.min(Long.parseLong(args[4]), 300);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger received = new AtomicInteger();
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> victims = new ArrayList<>();
        for (int i = 0; i < VICTIMS; i++) {
            victims.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://" + HOST + ":" + port
                    + "/api/v1/activity/live"), new Victim(latencies, received)).get(10, TimeUnit.SECONDS));
        }
        Map<String, AtomicInteger> closes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, attackers) + 1);
        for (int i = 0; i < (mode.equals("none") ? 0 : attackers); i++) {
            pool.submit(() -> attack(port, mode, until, closes));
        }
        Thread.sleep(1000); // the attackers get going first
        int published = publish(http, port, auth, until);
        if (System.getenv("SERVER_PID") != null) {
            System.out.println("server heap after full GC while attacked: " + heapAfterGc(System.getenv("SERVER_PID")));
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        Thread.sleep(2000);
        victims.forEach(WebSocket::abort);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%s x%d for %d s: victims got %d of %d deliveries; publish->receive p50 %.2f ms, p99 %.2f ms,"
                        + " max %.2f ms; attackers closed %s%n", mode, attackers, seconds, received.get(),
                published * VICTIMS, percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0),
                closes);
        System.exit(0);
    }

    private static int publish(HttpClient http, int port, String auth, long until) throws Exception {
        int published = 0;
        long next = System.nanoTime();
        while (System.nanoTime() < until) {
            String body = "{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\",\"memoryId\":\"flood:"
                    + System.nanoTime() + "\",\"userId\":\"u\",\"success\":true}}";
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port
                            + "/api/v1/activity/events")).header("Authorization", auth)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 202) {
                published++;
            }
            next += 1_000_000_000L / EVENTS_PER_SECOND;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        return published;
    }

    /** One attacker: connects, attacks until closed, records how, and does it again until the time is up. */
    private static void attack(int port, String mode, long until, Map<String, AtomicInteger> closes) {
        byte[] mask = {1, 2, 3, 4};
        while (System.nanoTime() < until) {
            String how;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 10_000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                handshake(out, in, port);
                Thread reader = new Thread(() -> readUntilClose(in, closes));
                reader.start();
                if (mode.equals("endless")) {
                    byte[] header = {(byte) 0x81, (byte) 0xFF, 0, 0, 1, 0, 0, 0, 0, 0, 1, 2, 3, 4};
                    out.write(header);
                    byte[] chunk = new byte[16 * 1024];
                    while (System.nanoTime() < until && reader.isAlive()) {
                        out.write(chunk);
                    }
                } else {
                    byte[] ping = {(byte) 0x89, (byte) 0x80, mask[0], mask[1], mask[2], mask[3]};
                    byte[] many = new byte[ping.length * 64];
                    for (int i = 0; i < 64; i++) {
                        System.arraycopy(ping, 0, many, i * ping.length, ping.length);
                    }
                    while (System.nanoTime() < until && reader.isAlive()) {
                        out.write(many);
                    }
                }
                reader.join(5_000);
                continue;
            } catch (IOException | InterruptedException cut) {
                how = "cut (" + cut.getClass().getSimpleName() + ")";
            }
            closes.computeIfAbsent(how, key -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static void handshake(OutputStream out, DataInputStream in, int port) throws IOException {
        out.write(("GET /api/v1/activity/live HTTP/1.1\r\nHost: " + HOST + ":" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
    }

    /** Reads server frames until a close frame (recorded by its code) or the end of the connection. */
    private static void readUntilClose(DataInputStream in, Map<String, AtomicInteger> closes) {
        String how = "ended without a close frame";
        try {
            while (true) {
                int first = in.readUnsignedByte();
                long length = in.readUnsignedByte() & 0x7f;
                length = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
                byte[] payload = in.readNBytes((int) length);
                if ((first & 0x0f) == 0x8) {
                    how = payload.length >= 2 ? ((payload[0] & 0xff) << 8 | (payload[1] & 0xff)) + " "
                            + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "close";
                    break;
                }
            }
        } catch (IOException ended) {
            // recorded as ended without a close frame
        }
        closes.computeIfAbsent(how, key -> new AtomicInteger()).incrementAndGet();
    }

    private static String heapAfterGc(String pid) throws Exception {
        new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        Process info = new ProcessBuilder("jcmd", pid, "GC.heap_info").redirectErrorStream(true).start();
        String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return text.lines().filter(line -> line.contains("used")).findFirst().orElse(text).trim();
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    /** A dashboard-like client that measures how long each event took from its publisher. */
    private static final class Victim implements WebSocket.Listener {
        private final List<Long> latencies;
        private final AtomicInteger received;
        private final StringBuilder partial = new StringBuilder();

        Victim(List<Long> latencies, AtomicInteger received) {
            this.latencies = latencies;
            this.received = received;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                int at = text.indexOf("flood:");
                if (at >= 0) {
                    long sent = Long.parseLong(text.substring(at + 6, text.indexOf('"', at)));
                    latencies.add(System.nanoTime() - sent);
                    received.incrementAndGet();
                }
            }
            return null;
        }
    }
}
