package dev.activitylive.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.memory.MemoryService;
import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.RawSocket;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample application of {@code examples/memory-service}, assembled as its own build assembles it: its classes and
 * descriptors, plus the API and library jars this build made. Its own beans fire, its own REST API and error page
 * answer, its own users (and none of the standalone server's) decide who publishes and who watches.
 */
@ExtendWith(ArquillianExtension.class)
class HostApplicationIT {

    private static final String SAMPLE = "examples/memory-service/src/main/";
    private static final String ADA = "ada-example";
    private static final String GRACE = "grace-example";
    private static final String LINUS = "linus-example";

    @ArquillianResource
    URL base;

    private Api api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "memory-service.war")
                .addPackage(MemoryService.class.getPackage())
                .addAsLibraries(new File("target/activity-live-api.jar"), new File("target/activity-live-lib.jar"))
                .setWebXML(new File(SAMPLE + "webapp/WEB-INF/web.xml"))
                .addAsWebInfResource(new File(SAMPLE + "webapp/WEB-INF/glassfish-web.xml"), "glassfish-web.xml")
                .addAsWebResource(new File(SAMPLE + "webapp/not-found.json"), "not-found.json")
                .addAsResource(new File(SAMPLE + "resources/META-INF/microprofile-config.properties"),
                        "META-INF/microprofile-config.properties");
    }

    @BeforeEach
    void api() {
        api = new Api(base);
    }

    @Test
    void theApplicationsFiredAndAsyncFiredEventsReachItsClientsWithEveryField() {
        try (TestSocket admin = TestSocket.connected(api.live(), Map.of("Authorization", api.basic("linus", LINUS)))) {
            HttpResponse<String> stored = storeMemory("semantic", "the sea is salty");
            assertEquals(200, stored.statusCode(), stored.body());
            String memoryId = json(stored.body()).getString("id");

            JsonObject memory = admin.nextMatching(message -> message.getString("type").equals("memory_operation"));
            JsonObject data = memory.getJsonObject("data");
            assertEquals("store", data.getString("operation"));
            assertEquals(memoryId, data.getString("memoryId"));
            assertEquals("ada", data.getString("userId"));
            assertEquals("semantic", data.getString("sector"));
            assertTrue(data.getBoolean("success"));
            assertTrue(data.getJsonNumber("duration").doubleValue() >= 0, data.toString());
            assertTrue(memory.containsKey("timestamp") && memory.containsKey("id"), memory.toString());

            JsonObject reasoning = admin.nextMatching(message -> message.getString("type").equals("reasoning_update"));
            assertEquals(Json.createObjectBuilder().add("sessionId", "consolidation-" + memoryId)
                    .add("stage", "indexing").add("progress", 50)
                    .add("activeStreams", Json.createArrayBuilder().add("embedding").add("linking"))
                    .add("mode", "background").build(), reasoning.getJsonObject("data"));
        }
    }

    @Test
    void theApplicationsOwnRestApiAndErrorPageStillAnswer() {
        assertEquals(200, storeMemory("episodic", "kept").statusCode());
        HttpResponse<String> listed = api.get("api/memories", "grace", GRACE);
        assertEquals(200, listed.statusCode(), listed.body());
        assertTrue(listed.body().startsWith("[") && listed.body().contains("\"kept\""), listed.body());
        assertEquals(403, storeMemory("grace", GRACE, "episodic", "not a writer").statusCode());
        assertEquals(401, api.get("api/memories", null, null).statusCode());

        HttpResponse<String> missing = api.get("no-such-page", null, null);
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":\"memory-service: no such page\"}", missing.body().strip(),
                "the application's error page, not the library's");
    }

    /** The library serves its browser client to the application's pages, and its dashboard only if asked to. */
    @Test
    void theBrowserClientIsServedAndTheDashboardOnlyWhenTurnedOn() {
        HttpResponse<String> module = api.get("activity-live/activity-live.js", null, null);
        assertEquals(200, module.statusCode());
        assertTrue(module.headers().firstValue("content-type").orElseThrow().contains("javascript"),
                module.headers().toString());
        assertTrue(module.body().contains("export function connect("), "the module itself");
        HttpResponse<String> dashboard = api.get("activity-live/", null, null);
        assertEquals(404, dashboard.statusCode());
        assertEquals("{\"error\":\"the dashboard is off: set activity.live.dashboard=on to serve it\"}",
                dashboard.body());
    }

    @Test
    void theApplicationsUsersAndNoneOfTheStandalonesDecideWhoPublishes() {
        String event = "{\"type\":\"system_event\",\"data\":{\"event\":\"health_change\"}}";
        assertEquals(202, api.post("api/v1/activity/events", event, "ada", ADA).statusCode());
        assertEquals(403, api.post("api/v1/activity/events", event, "grace", GRACE).statusCode());
        assertEquals(401, api.post("api/v1/activity/events", event, "ada", GRACE).statusCode());
        assertEquals(401, api.post("api/v1/activity/events", event, null, null).statusCode(), "never open");
        // The standalone server's development users do not exist here, whatever their password.
        assertEquals(401, api.post("api/v1/activity/events", event, "publisher", Api.PUBLISHER_PASSWORD).statusCode());
        assertEquals(401, api.get("api/v1/activity/clients", "admin", Api.ADMIN_PASSWORD).statusCode());
        assertEquals(200, api.get("api/v1/activity/clients", "linus", LINUS).statusCode());
    }

    @Test
    void theHandshakeNeedsOneOfTheApplicationsViewersWhoSeesTheirOwnEvents() throws Exception {
        assertEquals(401, RawSocket.handshake(api.live(), Map.of()).status());
        assertEquals(401, RawSocket.handshake(api.live(), Map.of("Authorization", api.basic("admin",
                Api.ADMIN_PASSWORD))).status(), "the standalone's admin does not exist here");
        try (TestSocket grace = TestSocket.connected(api.live(), Map.of("Authorization", api.basic("grace", GRACE)))) {
            assertEquals(200, storeMemory("episodic", "ada's own").statusCode());
            assertEquals(202, api.post("api/v1/activity/events", "{\"type\":\"memory_operation\",\"data\":{"
                    + "\"operation\":\"search\",\"memoryId\":\"m-g\",\"userId\":\"grace\",\"success\":true}}",
                    "ada", ADA).statusCode());
            List<JsonObject> seen = grace.eventsUntilQuiet(Duration.ofSeconds(1));
            assertEquals(List.of("grace"), seen.stream().filter(e -> e.getString("type").equals("memory_operation"))
                    .map(e -> e.getJsonObject("data").getString("userId")).toList(), "only the events about grace");
        }
    }

    /** The application's own bean observes who watches (ClientConnected, ClientDisconnected) and says so. */
    @Test
    void theApplicationKnowsWhoIsWatching() {
        awaitWatchers("[]");
        try (TestSocket grace = TestSocket.connected(api.live(), Map.of("Authorization", api.basic("grace", GRACE)));
             TestSocket linus = TestSocket.connected(api.live(), Map.of("Authorization", api.basic("linus", LINUS)))) {
            awaitWatchers("[\"grace\",\"linus\"]");
        }
        awaitWatchers("[]");
    }

    private void awaitWatchers(String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body = api.get("api/watchers", "ada", ADA).body();
        while (!body.equals(expected) && System.nanoTime() < deadline) {
            Api.pause(Duration.ofMillis(100));
            body = api.get("api/watchers", "ada", ADA).body();
        }
        assertEquals(expected, body);
    }

    /** Stores a memory through the application's own REST API, as ada. */
    private HttpResponse<String> storeMemory(String sector, String text) {
        return storeMemory("ada", ADA, sector, text);
    }

    private HttpResponse<String> storeMemory(String user, String password, String sector, String text) {
        return Api.send(HttpRequest.newBuilder(api.http("api/memories?sector=" + sector))
                .header("Authorization", api.basic(user, password)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
