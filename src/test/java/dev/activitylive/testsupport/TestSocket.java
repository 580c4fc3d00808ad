package dev.activitylive.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A dashboard-like client on the JDK's WebSocket: collects every text message, counts pings (which the JDK answers
 * with pongs on its own) and records how the server closed the connection.
 */
public final class TestSocket implements AutoCloseable {

    /** How the server closed a connection. */
    public record Closed(int code, String reason) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final WebSocket socket;
    private volatile String id;
    private volatile JsonObject established;

    private TestSocket(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Collector()).join();
    }

    public static TestSocket connect(URI uri) {
        return new TestSocket(uri, Map.of());
    }

    /** Connects and reads the {@code connection_established} message every accepted client gets first. */
    public static TestSocket connected(URI uri) {
        return connected(uri, Map.of());
    }

    /** Like {@link #connected(URI)}, the handshake carrying {@code headers} (Origin, Cookie, Authorization). */
    public static TestSocket connected(URI uri, Map<String, String> headers) {
        TestSocket socket = new TestSocket(uri, headers);
        JsonObject first = socket.next();
        assertEquals("connection_established", first.getString("type"), "first message: " + first);
        socket.id = first.getJsonObject("data").getString("message").substring("Connected as ".length());
        socket.established = first;
        return socket;
    }

    /** The {@code connection_established} message; set by {@link #connected}. */
    public JsonObject established() {
        return established;
    }

    /** The client id the server announced; set by {@link #connected}. */
    public String id() {
        return id;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next message, whatever its type. */
    public JsonObject next() {
        return next(WAIT).orElseThrow(() -> new AssertionError("no message within " + WAIT));
    }

    public Optional<JsonObject> next(Duration wait) {
        try {
            String text = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.ofNullable(text).map(Api::parse);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message that is not a heartbeat keepalive (those may arrive at any time). */
    public JsonObject nextEvent() {
        return nextMatching(message -> !isKeepalive(message));
    }

    public JsonObject nextMatching(Predicate<JsonObject> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonObject> message = next(Duration.ofNanos(deadline - System.nanoTime()));
            if (message.isPresent() && wanted.test(message.get())) {
                return message.get();
            }
        }
        return fail("no matching message within " + WAIT);
    }

    /**
     * Collects every message but keepalives until none has come for {@code quiet} (keepalives do not count), or
     * for at most a minute.
     */
    public List<JsonObject> eventsUntilQuiet(Duration quiet) {
        List<JsonObject> events = new ArrayList<>();
        long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long quietUntil = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < Math.min(quietUntil, giveUp)) {
            Optional<JsonObject> message = next(Duration.ofNanos(quietUntil - System.nanoTime()));
            if (message.isPresent() && !isKeepalive(message.get())) {
                events.add(message.get());
                quietUntil = System.nanoTime() + quiet.toNanos();
            }
        }
        return events;
    }

    /** Every message but keepalives that comes within {@code duration} from now. */
    public List<JsonObject> eventsFor(Duration duration) {
        List<JsonObject> events = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
            next(Duration.ofNanos(left)).filter(message -> !isKeepalive(message)).ifPresent(events::add);
        }
        return events;
    }

    public static boolean isKeepalive(JsonObject message) {
        return "heartbeat".equals(message.getString("type"))
                && "keepalive".equals(message.getJsonObject("data").getString("message"));
    }

    public int pings() {
        return pings.get();
    }

    /** Waits for the server to close the connection. */
    public Closed awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection not closed by the server within " + wait, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(error -> null);
        }
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
