package dev.activitylive.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test's {@code text/event-stream} client: reads the stream on its own thread, as a browser's {@code EventSource}
 * parses it (fields {@code id}, {@code event}, {@code data}, {@code retry}; comment lines), and queues what it reads.
 * Opened with {@code read=false} it never reads, like a client whose socket is full.
 */
public final class TestEventStream implements AutoCloseable {

    /** One event as dispatched: its {@code id} (null where the event set none), its name, its data. */
    public record Event(String id, String name, String data) {

        public JsonObject json() {
            return Json.createReader(new StringReader(data)).readObject();
        }

        public boolean isKeepalive() {
            return "message".equals(name) && TestSocket.isKeepalive(json());
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);
    // HTTP/1.1 as browsers speak it over plain http (the JDK client would upgrade to h2c otherwise).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile String retry;

    private TestEventStream(HttpResponse<InputStream> response, boolean read) {
        this.response = response;
        if (read && response.statusCode() == 200) {
            Thread reader = new Thread(this::read, "event-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Opens {@code uri} with {@code headers}; the answer may be a refusal (see {@link #status()}). */
    public static TestEventStream open(URI uri, Map<String, String> headers, boolean read) {
        return open(HTTP, uri, headers, read);
    }

    /** Opens {@code uri} over HTTP/2 where the server agrees (h2c, the JDK client's default). */
    public static TestEventStream openPreferringHttp2(URI uri) {
        return open(HttpClient.newHttpClient(), uri, Map.of(), true);
    }

    private static TestEventStream open(HttpClient http, URI uri, Map<String, String> headers, boolean read) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(WAIT).GET();
        headers.forEach(request::header);
        try {
            return new TestEventStream(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()), read);
        } catch (IOException e) {
            throw new AssertionError("could not open " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static TestEventStream open(URI uri) {
        return open(uri, Map.of(), true);
    }

    public HttpClient.Version version() {
        return response.version();
    }

    public int status() {
        return response.statusCode();
    }

    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** The body of a refusal. */
    public String body() {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        case "retry" -> retry = value;
                        default -> fail("unknown field in an event stream: " + line);
                    }
                }
            }
            ended.complete(null);
        } catch (IOException e) {
            ended.completeExceptionally(e);
        }
    }

    public Event next() {
        try {
            Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return event != null ? event : fail("no event within " + WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next event that is not a heartbeat keepalive. */
    public Event nextEvent() {
        Event event = next();
        while (event.isKeepalive()) {
            event = next();
        }
        return event;
    }

    /** Every event but keepalives until none but keepalives has come for {@code quiet}, for at most a minute. */
    public List<Event> eventsUntilQuiet(Duration quiet) {
        List<Event> received = new ArrayList<>();
        long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long quietUntil = System.nanoTime() + quiet.toNanos();
        try {
            while (System.nanoTime() < Math.min(quietUntil, giveUp)) {
                Event event = events.poll(quietUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event != null && !event.isKeepalive()) {
                    received.add(event);
                    quietUntil = System.nanoTime() + quiet.toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return received;
    }

    public List<String> comments() {
        return comments;
    }

    public String retry() {
        return retry;
    }

    /** Waits for the server to end the response. */
    public void awaitEnd(Duration wait) {
        try {
            ended.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the stream did not end within " + wait, e);
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException alreadyClosed) {
            // nothing to let go of
        }
    }
}
