package dev.activitylive.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The deployment under test as a client sees it: its URLs, the test users' credentials, HTTP calls. */
public final class Api {

    /** Passwords made up for each test run; they reach the server in the deployment's configuration only. */
    public static final String PUBLISHER_PASSWORD = randomPassword();
    public static final String ADMIN_PASSWORD = randomPassword();
    /** The viewers every test deployment has (role activity-viewer): alice and bob. */
    public static final String ALICE_PASSWORD = randomPassword();
    public static final String BOB_PASSWORD = randomPassword();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;

    public Api(URL base) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    }

    public URI live() {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "api/v1/activity/live");
    }

    /** The WebSocket URL with connect options: {@code query} as it goes after the {@code ?}. */
    public URI live(String query) {
        return URI.create(live() + "?" + query);
    }

    public URI http(String path) {
        return base.resolve(path);
    }

    public HttpResponse<String> publish(String json) {
        return post("api/v1/activity/events", json, "publisher", PUBLISHER_PASSWORD);
    }

    public HttpResponse<String> post(String path, String body, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(withAuth(request, user, password));
    }

    public HttpResponse<String> get(String path, String user, String password) {
        return send(withAuth(HttpRequest.newBuilder(http(path)).GET(), user, password));
    }

    public HttpResponse<String> clients() {
        return get("api/v1/activity/clients", "admin", ADMIN_PASSWORD);
    }

    /** The client list's {@code clients}. */
    public List<JsonObject> clientList() {
        return clientListAnswer().getJsonArray("clients").getValuesAs(JsonObject.class);
    }

    /** The number of connected clients, from the client list. */
    public int clientCount() {
        return clientListAnswer().getInt("count");
    }

    /** How many instances the client list says the cluster has; 1 alone (the answer then has no such field). */
    public int clusterInstances() {
        return clientListAnswer().getInt("instances", 1);
    }

    /** Which instance the client list says this is ({@code host:port} of its cluster member); null alone. */
    public String clusterInstance() {
        return clientListAnswer().getString("instance", null);
    }

    private JsonObject clientListAnswer() {
        HttpResponse<String> response = clients();
        if (response.statusCode() != 200) {
            throw new AssertionError("client list: " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** Waits until exactly {@code expected} clients are connected; the server forgets closed ones asynchronously. */
    public void awaitClientCount(int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int count = clientCount();
        while (count != expected && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(50));
            count = clientCount();
        }
        if (count != expected) {
            throw new AssertionError("expected " + expected + " connected clients, the server has " + count);
        }
    }

    /**
     * A JSON array of {@code count} {@code memory_operation} events whose {@code memoryId}s are "from" .. "from+count-1",
     * each padded to about {@code padding} bytes through {@code sector}.
     */
    public static String memoryOperations(int from, int count, int padding) {
        String sector = "x".repeat(padding);
        return IntStream.range(from, from + count)
                .mapToObj(i -> "{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\",\"memoryId\":\""
                        + i + "\",\"userId\":\"u\",\"sector\":\"" + sector + "\",\"success\":true}}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * The value of the application metric {@code name} (as the Prometheus text of {@code GET /metrics} names it)
     * whose labels include {@code label} (e.g. {@code reason="origin"}, or "" for any); 0 if it is not there yet.
     * On a server without MicroProfile Metrics, from the test deployment's own count of them (CountingFigures).
     */
    public double metric(String name, String label) {
        String path = ServerUnderTest.current().hasMetrics() ? "/metrics?scope=application" : "test/metrics";
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(http(path)).GET());
        if (metrics.statusCode() != 200) {
            throw new AssertionError("metrics: " + metrics.statusCode() + " " + metrics.body());
        }
        return metrics.body().lines()
                .filter(line -> line.startsWith(name + "{") && line.substring(0, line.indexOf('}')).contains(label))
                .map(line -> Double.valueOf(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0.0);
    }

    /**
     * {@code GET /health/...} ({@code ready} or {@code live}), served by the runtime at the server root (WildFly: at
     * the root of its management port).
     */
    public HttpResponse<String> health(String which) {
        return send(HttpRequest.newBuilder(ServerUnderTest.current().healthRoot(base).resolve("health/" + which)).GET());
    }

    /** A JSON object from its text. */
    public static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Fires events in the container through CDI (see {@link FireResource}). */
    public HttpResponse<String> fire(String query) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(http("test/fire?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 200) {
            throw new AssertionError("firing failed: " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    /**
     * Sends {@code request}. A GET that meets a closed connection is sent once more: the shared client may pick a
     * kept-alive connection in the very moment Payara's keep-alive timeout closes it (seen after a test that waited
     * out that timeout), and a GET may be repeated.
     */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        try {
            try {
                return HTTP.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException closed) {
                if (!built.method().equals("GET")) {
                    throw closed;
                }
                return HTTP.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            throw new AssertionError("HTTP request failed", e);
        }
    }

    private HttpRequest.Builder withAuth(HttpRequest.Builder request, String user, String password) {
        return user == null ? request : request.header("Authorization", basic(user, password));
    }

    /** The {@code Authorization} header value for HTTP Basic. */
    public String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
