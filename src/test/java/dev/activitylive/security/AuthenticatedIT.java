package dev.activitylive.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.Browser;
import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.RawSocket;
import dev.activitylive.testsupport.ServerUnderTest;
import dev.activitylive.testsupport.TestEventStream;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code activity.live.authentication=required}: who may open a WebSocket (a login by session cookie or Basic
 * credentials, role viewer or admin), what each sees (their own events and events about nobody; admins all), and
 * that the end of a login (logout, expiry) closes its sockets with 1008 and no others.
 */
class AuthenticatedIT extends DeployedTest {

    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration QUIET = Duration.ofMillis(700);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of(
                "activity.live.authentication", "required",
                "activity.live.login-timeout-s", String.valueOf(LOGIN_TIMEOUT.toSeconds()),
                "activity.live.heartbeat-interval-ms", "500",
                "activity.live.client-timeout-ms", "2000",
                "activity.live.max-clients", "200"));
    }

    @Test
    void aHandshakeWithoutAUsableLoginIsRefusedBeforeTheUpgrade() throws Exception {
        double unauthenticated = api.metric(REFUSED, "reason=\"unauthenticated\"");
        double forbidden = api.metric(REFUSED, "reason=\"forbidden\"");
        RawSocket.Answer anonymous = RawSocket.handshake(api.live(), Map.of());
        assertEquals(401, anonymous.status(), anonymous.toString());
        assertEquals("Basic realm=\"activity-live\"", anonymous.headers().get("www-authenticate"));
        assertTrue(anonymous.body().startsWith("{\"error\":\"authentication required: log in with POST "
                + "/api/v1/activity/session"), anonymous.body());

        RawSocket.Answer wrongPassword = RawSocket.handshake(api.live(),
                Map.of("Authorization", api.basic("alice", Api.BOB_PASSWORD)));
        assertEquals(401, wrongPassword.status(), wrongPassword.toString());
        assertEquals("Basic realm=\"activity-live\"", wrongPassword.headers().get("www-authenticate"));
        assertEquals("{\"error\":\"authentication failed: the HTTP Basic credentials were not accepted\"}",
                wrongPassword.body());

        RawSocket.Answer publisher = RawSocket.handshake(api.live(),
                Map.of("Authorization", api.basic("publisher", Api.PUBLISHER_PASSWORD)));
        assertEquals(403, publisher.status(), publisher.toString());
        assertEquals("{\"error\":\"forbidden: connecting needs role activity-viewer or activity-admin\"}",
                publisher.body());

        RawSocket.Answer staleCookie = RawSocket.handshake(api.live(), Map.of("Cookie", "JSESSIONID=forged"));
        assertEquals(401, staleCookie.status(), staleCookie.toString());
        assertEquals(0, api.clientCount());
        assertEquals(unauthenticated + 3, api.metric(REFUSED, "reason=\"unauthenticated\""));
        assertEquals(forbidden + 1, api.metric(REFUSED, "reason=\"forbidden\""));
    }

    @Test
    void eachViewerSeesTheirOwnEventsAndEventsAboutNobodyAndAnAdminSeesAll() {
        try (TestSocket alice = viewer("alice", Api.ALICE_PASSWORD); TestSocket bob = viewer("bob", Api.BOB_PASSWORD);
             TestSocket admin = viewer("admin", Api.ADMIN_PASSWORD)) {
            api.fire("count=2&user=alice");
            api.fire("count=3&user=bob");
            assertEquals(202, api.publish(SYSTEM_EVENT).statusCode());
            assertEquals(202, api.publish(sessionEvent(null)).statusCode());
            assertEquals(202, api.publish(sessionEvent("bob")).statusCode());

            assertEquals(List.of("alice", "alice", "-", "-"), owners(alice.eventsUntilQuiet(QUIET)));
            assertEquals(List.of("bob", "bob", "bob", "-", "-", "bob"), owners(bob.eventsUntilQuiet(QUIET)));
            assertEquals(List.of("alice", "alice", "bob", "bob", "bob", "-", "-", "bob"),
                    owners(admin.eventsUntilQuiet(QUIET)));
        }
    }

    /** A filter only narrows: asking for bob's events, alice gets none of them (and her own neither). */
    @Test
    void aFilterNeverShowsWhatTheScopeHides() {
        URI bobsOnly = URI.create(api.live() + "?userId=bob");
        try (TestSocket alice = TestSocket.connected(bobsOnly,
                Map.of("Authorization", api.basic("alice", Api.ALICE_PASSWORD)));
             TestSocket admin = TestSocket.connected(bobsOnly,
                Map.of("Authorization", api.basic("admin", Api.ADMIN_PASSWORD)))) {
            api.fire("count=2&user=bob");
            api.fire("count=1&user=alice");
            assertEquals(202, api.publish(SYSTEM_EVENT).statusCode());
            assertEquals(List.of("-"), owners(alice.eventsUntilQuiet(QUIET)), "only the event about nobody");
            assertEquals(List.of("bob", "bob", "-"), owners(admin.eventsUntilQuiet(QUIET)));
        }
    }

    /** The state on join keeps to the viewer's scope as live events do; an admin's has everyone's. */
    @Test
    void theStateOnJoinKeepsToTheViewersScope() {
        assertEquals(202, api.publish("[" + String.join(",", sessionEvent("alice"), sessionEvent("bob"),
                sessionEvent(null), SYSTEM_EVENT) + "]").statusCode());
        URI withState = URI.create(api.live() + "?snapshot=true");
        try (TestSocket alice = TestSocket.connected(withState,
                Map.of("Authorization", api.basic("alice", Api.ALICE_PASSWORD)));
             TestSocket admin = TestSocket.connected(withState,
                Map.of("Authorization", api.basic("admin", Api.ADMIN_PASSWORD)))) {
            Set<String> aliceSees = Set.copyOf(owners(stateOf(alice)));
            assertEquals(Set.of("alice", "-"), aliceSees);
            assertTrue(Set.copyOf(owners(stateOf(admin))).containsAll(Set.of("alice", "bob", "-")));
        }
    }

    /** What {@code client} got before the {@code snapshot} marker. */
    private static List<JsonObject> stateOf(TestSocket client) {
        List<JsonObject> state = new java.util.ArrayList<>();
        for (JsonObject message = client.nextEvent(); !message.getString("type").equals("snapshot");
                message = client.nextEvent()) {
            state.add(message);
        }
        return state;
    }

    /** A resuming viewer is replayed only what it could have seen live; an admin everything. */
    @Test
    void aReplayKeepsToTheViewersScope() {
        String epoch;
        long since;
        try (TestSocket alice = viewer("alice", Api.ALICE_PASSWORD)) {
            epoch = alice.established().getString("epoch");
            since = alice.established().getJsonNumber("lastId").longValue();
        }
        api.fire("count=2&user=alice");
        api.fire("count=3&user=bob");
        assertEquals(202, api.publish(SYSTEM_EVENT).statusCode());
        String resume = "?since=" + since + "&epoch=" + epoch;
        try (TestSocket alice = TestSocket.connected(URI.create(api.live() + resume),
                Map.of("Authorization", api.basic("alice", Api.ALICE_PASSWORD)));
             TestSocket admin = TestSocket.connected(URI.create(api.live() + resume),
                Map.of("Authorization", api.basic("admin", Api.ADMIN_PASSWORD)))) {
            List<JsonObject> replayed = alice.eventsUntilQuiet(QUIET);
            assertEquals(List.of("alice", "alice", "-"), owners(replayed.subList(0, 3)));
            assertEquals(List.of(since + 1, since + 2, since + 6),
                    replayed.subList(0, 3).stream().map(e -> e.getJsonNumber("id").longValue()).toList());
            assertEquals(3, replayed.get(3).getJsonObject("data").getInt("replayed"));
            assertEquals(4, replayed.size());
            List<JsonObject> all = admin.eventsUntilQuiet(QUIET);
            assertEquals(List.of("alice", "alice", "bob", "bob", "bob", "-"), owners(all.subList(0, 6)));
            assertEquals(6, all.get(6).getJsonObject("data").getInt("replayed"));
        }
    }

    @Test
    void scopingHoldsUnderLoadWithConcurrentHandshakes() throws Exception {
        int perUser = 12;
        int events = 1_500;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<TestSocket> alices = new ArrayList<>();
        List<TestSocket> bobs = new ArrayList<>();
        try {
            // Opened all at once, alternating users: a handshake must never take another's identity.
            List<Future<TestSocket>> opening = new ArrayList<>();
            for (int i = 0; i < perUser; i++) {
                opening.add(pool.submit(() -> viewer("alice", Api.ALICE_PASSWORD)));
                opening.add(pool.submit(() -> viewer("bob", Api.BOB_PASSWORD)));
            }
            for (int i = 0; i < opening.size(); i++) {
                (i % 2 == 0 ? alices : bobs).add(opening.get(i).get(30, TimeUnit.SECONDS));
            }
            CompletableFuture<?> forAlice = CompletableFuture.runAsync(
                    () -> api.fire("count=" + events / 3 + "&producers=3&user=alice"), pool);
            CompletableFuture<?> forBob = CompletableFuture.runAsync(
                    () -> api.fire("count=" + events / 3 + "&producers=3&user=bob"), pool);
            CompletableFuture.allOf(forAlice, forBob).get(60, TimeUnit.SECONDS);

            for (TestSocket socket : alices) {
                assertEquals(Map.of("alice", (long) events), countByOwner(socket.eventsUntilQuiet(QUIET)));
            }
            for (TestSocket socket : bobs) {
                assertEquals(Map.of("bob", (long) events), countByOwner(socket.eventsUntilQuiet(QUIET)));
            }
        } finally {
            alices.forEach(TestSocket::close);
            bobs.forEach(TestSocket::close);
            pool.shutdownNow();
        }
    }

    @Test
    void aBrowserLogsInOnceAndConnectsWithItsSessionCookie() {
        HttpResponse<String> login = api.post("api/v1/activity/session", "", "alice", Api.ALICE_PASSWORD);
        assertEquals(200, login.statusCode(), login.body());
        assertEquals("{\"user\":\"alice\",\"roles\":[\"activity-viewer\"],\"authentication\":\"required\","
                + "\"idleTimeoutSeconds\":4}", login.body());
        String setCookie = login.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = sessionCookie(login);

        HttpResponse<String> whoAmI = Api.send(HttpRequest.newBuilder(api.http("api/v1/activity/session"))
                .header("Cookie", cookie).GET());
        assertEquals(200, whoAmI.statusCode(), whoAmI.body());
        assertTrue(whoAmI.body().startsWith("{\"user\":\"alice\""), whoAmI.body());

        try (TestSocket alice = TestSocket.connected(api.live(), Map.of("Cookie", cookie))) {
            api.fire("count=1&user=bob");
            api.fire("count=1&user=alice");
            assertEquals(List.of("alice"), owners(alice.eventsUntilQuiet(QUIET)));
        }
    }

    @Test
    void loggingOutClosesThatLoginsSocketsWith1008AndNoOthers() throws Exception {
        String first = sessionCookie(api.post("api/v1/activity/session", "", "alice", Api.ALICE_PASSWORD));
        String second = sessionCookie(api.post("api/v1/activity/session", "", "alice", Api.ALICE_PASSWORD));
        try (TestSocket loggedOut = TestSocket.connected(api.live(), Map.of("Cookie", first));
             TestSocket otherLogin = TestSocket.connected(api.live(), Map.of("Cookie", second));
             TestSocket basic = viewer("alice", Api.ALICE_PASSWORD)) {
            HttpResponse<String> logout = Api.send(HttpRequest.newBuilder(api.http("api/v1/activity/session"))
                    .header("Cookie", first).DELETE());
            assertEquals(204, logout.statusCode());
            assertEquals(new TestSocket.Closed(1008, "Login ended"), loggedOut.awaitClose(Duration.ofSeconds(5)));

            api.fire("count=1&user=alice");
            assertEquals(List.of("alice"), owners(otherLogin.eventsUntilQuiet(QUIET)));
            assertEquals(List.of("alice"), owners(basic.eventsUntilQuiet(QUIET)));
            assertEquals(401, RawSocket.handshake(api.live(), Map.of("Cookie", first)).status(),
                    "the logged-out session opens nothing");
        }
    }

    /**
     * Presence: the application's observers hear who came and went — the client, its user, its transport and types —
     * synchronously and asynchronously, on one thread that is not the client's; an observer that throws costs the
     * client nothing.
     */
    @Test
    void theApplicationHearsWhoComesAndGoesAndAFailingObserverHurtsNoClient() {
        URI sessionEventsOnly = URI.create(api.live() + "?types=session_event");
        String aliceId;
        String adminId;
        try (TestSocket alice = TestSocket.connected(sessionEventsOnly,
                Map.of("Authorization", api.basic("alice", Api.ALICE_PASSWORD)));
             TestEventStream admin = TestEventStream.open(api.http("api/v1/activity/stream"),
                     Map.of("Authorization", api.basic("admin", Api.ADMIN_PASSWORD)), true)) {
            aliceId = alice.id();
            adminId = admin.next().json().getJsonObject("data").getString("message").substring("Connected as ".length());
            assertEquals(202, api.publish(sessionEvent("alice")).statusCode());
            assertEquals("session_event", alice.nextEvent().getString("type"), "the failing observer cost nothing");
        }
        api.awaitClientCount(0);
        List<String> expectedLast = List.of("disconnected " + aliceId, "disconnected " + adminId,
                "async-connected " + aliceId, "async-connected " + adminId);
        List<String> seen = presenceSeen(lines -> expectedLast.stream()
                .allMatch(start -> lines.stream().anyMatch(line -> line.startsWith(start))));
        List<String> alices = seen.stream().filter(line -> line.contains(" " + aliceId)).toList();
        List<String> admins = seen.stream().filter(line -> line.contains(" " + adminId)).toList();
        assertTrue(alices.contains("async-connected " + aliceId), seen.toString());
        assertTrue(admins.contains("async-connected " + adminId), seen.toString());
        List<String> aliceSync = alices.stream().filter(line -> !line.startsWith("async")).toList();
        assertEquals(2, aliceSync.size(), seen.toString());
        assertTrue(aliceSync.get(0).startsWith("connected " + aliceId + " alice websocket [session_event] "),
                aliceSync.get(0));
        assertTrue(aliceSync.get(1).startsWith("disconnected " + aliceId + " alice websocket [session_event] "),
                aliceSync.get(1));
        List<String> adminSync = admins.stream().filter(line -> !line.startsWith("async")).toList();
        assertTrue(adminSync.get(0).startsWith("connected " + adminId + " admin event-stream [] "), adminSync.get(0));
        assertTrue(adminSync.get(1).startsWith("disconnected " + adminId + " admin event-stream [] "),
                adminSync.get(1));
        java.util.Set<String> threads = seen.stream().filter(line -> !line.startsWith("async"))
                .map(line -> line.substring(line.lastIndexOf("] ") + 2)).collect(Collectors.toSet());
        assertEquals(1, threads.size(), "one notifying thread: " + threads);
    }

    /**
     * An admin that asks for presence is told who is watching, per user (two pages of one user count as two clients
     * of one user), and told again as it changes, without asking; a viewer that asks is told nothing.
     */
    @Test
    void anAdminFollowingPresenceIsPushedTheWatchersPerUserAsTheyChange() {
        URI withPresence = URI.create(api.live() + "?presence=true");
        try (TestSocket admin = TestSocket.connected(withPresence,
                Map.of("Authorization", api.basic("admin", Api.ADMIN_PASSWORD)))) {
            JsonObject first = admin.nextEvent();
            assertEquals("presence", first.getString("type"));
            assertEquals(Json.createReader(new java.io.StringReader(
                    "{\"clients\":1,\"users\":[{\"user\":\"admin\",\"clients\":1}],\"anonymous\":0,\"moreUsers\":0}"))
                    .readObject(), first.getJsonObject("data"));
            try (TestSocket alice = TestSocket.connected(withPresence,
                        Map.of("Authorization", api.basic("alice", Api.ALICE_PASSWORD)));
                 TestSocket aliceAgain = viewer("alice", Api.ALICE_PASSWORD);
                 TestSocket bob = viewer("bob", Api.BOB_PASSWORD)) {
                JsonObject all = admin.nextMatching(message -> message.getString("type").equals("presence")
                        && message.getJsonObject("data").getInt("clients") == 4).getJsonObject("data");
                assertEquals("[{\"user\":\"alice\",\"clients\":2},{\"user\":\"admin\",\"clients\":1},"
                        + "{\"user\":\"bob\",\"clients\":1}]", all.getJsonArray("users").toString());
                assertEquals(List.of(), alice.eventsUntilQuiet(Duration.ofSeconds(1)).stream()
                        .filter(message -> message.getString("type").equals("presence")).toList(),
                        "presence is for those who see everyone");
            }
            JsonObject after = admin.nextMatching(message -> message.getString("type").equals("presence")
                    && message.getJsonObject("data").getInt("clients") == 1).getJsonObject("data");
            assertEquals(first.getJsonObject("data"), after, "the watchers left, and that was pushed too");
        }
    }

    /** What the application's observer has seen, once it is {@code enough} (or after 10 s). */
    private List<String> presenceSeen(java.util.function.Predicate<List<String>> enough) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            String body = api.get("test/diagnostics/presence", null, null).body();
            List<String> seen = body.isEmpty() ? List.of() : List.of(body.split("\n"));
            if (enough.test(seen) || System.nanoTime() > deadline) {
                return seen;
            }
            Api.pause(Duration.ofMillis(100));
        }
    }

    /** The event stream is admitted and scoped like the WebSocket, and a logout ends it with its close event. */
    @Test
    void anEventStreamNeedsALoginIsScopedLikeAWebSocketAndEndsWithItsLogin() {
        URI stream = api.http("api/v1/activity/stream");
        try (TestEventStream anonymous = TestEventStream.open(stream)) {
            assertEquals(401, anonymous.status());
            assertEquals("Basic realm=\"activity-live\"", anonymous.header("www-authenticate").orElseThrow());
            assertTrue(anonymous.body().startsWith("{\"error\":\"authentication required"));
        }
        String cookie = sessionCookie(api.post("api/v1/activity/session", "", "alice", Api.ALICE_PASSWORD));
        try (TestEventStream alice = TestEventStream.open(stream, Map.of("Cookie", cookie), true);
             TestEventStream admin = TestEventStream.open(stream,
                     Map.of("Authorization", api.basic("admin", Api.ADMIN_PASSWORD)), true)) {
            assertEquals("connection_established", alice.next().json().getString("type"));
            assertEquals("connection_established", admin.next().json().getString("type"));
            api.fire("count=1&user=bob");
            api.fire("count=2&user=alice");
            assertEquals(202, api.publish(SYSTEM_EVENT).statusCode());
            List<JsonObject> alicesEvents = alice.eventsUntilQuiet(QUIET).stream().map(TestEventStream.Event::json)
                    .toList();
            assertEquals(List.of("alice", "alice", "-"), owners(alicesEvents), alicesEvents.toString());
            List<JsonObject> all = admin.eventsUntilQuiet(QUIET).stream().map(TestEventStream.Event::json).toList();
            assertEquals(List.of("bob", "alice", "alice", "-"),
                    all.stream().map(e -> e.containsKey("data") ? owners(List.of(e)).get(0) : e.toString()).toList());

            HttpResponse<String> logout = Api.send(HttpRequest.newBuilder(api.http("api/v1/activity/session"))
                    .header("Cookie", cookie).DELETE());
            assertEquals(204, logout.statusCode());
            TestEventStream.Event last = alice.nextEvent();
            assertEquals("close", last.name());
            assertEquals("{\"code\":1008,\"reason\":\"Login ended\"}", last.data());
            alice.awaitEnd(Duration.ofSeconds(5));
        }
    }

    /** The dashboard in a real browser: its login form, a wrong password, a viewer's scope, logout, an admin. */
    @Test
    void theDashboardLogsInShowsOnlyTheViewersEventsAndLogsOut() {
        HttpResponse<String> nobody = api.get("api/v1/activity/session", null, null);
        assertEquals(200, nobody.statusCode());
        assertEquals("{\"user\":null,\"roles\":[],\"authentication\":\"required\"}", nobody.body());
        try (Browser browser = Browser.open()) {
            browser.get(api.http("").toString());
            browser.await("the login form", page -> browser.find("#login").isDisplayed());
            assertFalse(browser.find("#dashboard").isDisplayed());
            logIn(browser, "alice", "not her password");
            browser.awaitText("login-error", "Wrong user or password.");
            List<String> errors = browser.consoleErrors();
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).contains("/api/v1/activity/session") && errors.get(0).contains("401"),
                    "only the refused login, which the browser reports itself: " + errors);

            logIn(browser, "alice", Api.ALICE_PASSWORD);
            browser.awaitText("state", "connected");
            assertEquals("alice", browser.text("user"));
            assertFalse(browser.find("#clients").isDisplayed(), "the client list is for admins");
            api.fire("count=3&user=bob");
            api.fire("count=2&user=alice");
            browser.awaitText("memory-total", "2");
            Api.pause(QUIET);
            assertEquals("2", browser.text("memory-total"), "bob's events never came");
            assertEquals(List.of("alice", "alice"), browser.findAll("#feed tr[data-type='memory_operation']"
                    + " td:nth-child(4)").stream().map(org.openqa.selenium.WebElement::getText).toList());
            // The feed also shows the state on join: alice's events and those about nobody, never bob's.
            assertEquals(Set.of(), browser.findAll("#feed td:nth-child(4)").stream()
                    .map(org.openqa.selenium.WebElement::getText)
                    .filter(owner -> !owner.equals("alice") && !owner.isEmpty()).collect(Collectors.toSet()));

            browser.find("#logout").click();
            browser.await("the login form again", page -> browser.find("#login").isDisplayed());
            api.awaitClientCount(0);

            logIn(browser, "admin", Api.ADMIN_PASSWORD);
            browser.awaitText("state", "connected");
            browser.await("the admin sees who is watching", page -> browser.find("#clients").isDisplayed()
                    && "1".equals(browser.text("client-count")));
            try (TestSocket alice = viewer("alice", Api.ALICE_PASSWORD)) {
                browser.await("pushed: alice came", page -> "2".equals(browser.text("client-count"))
                        && browser.text("client-list").contains("alice 1"));
            }
            browser.await("pushed: alice went", page -> "1".equals(browser.text("client-count"))
                    && !browser.text("client-list").contains("alice"));
            browser.screenshot("dashboard-admin");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    private static void logIn(Browser browser, String user, String password) {
        browser.find("#login-user").clear();
        browser.find("#login-user").sendKeys(user);
        browser.find("#login-password").sendKeys(password);
        browser.find("#login-password").submit();
    }

    @Test
    void anExpiredLoginClosesItsSocketsWith1008WhileOneKeptAliveStays() {
        String idle = sessionCookie(api.post("api/v1/activity/session", "", "alice", Api.ALICE_PASSWORD));
        String kept = sessionCookie(api.post("api/v1/activity/session", "", "bob", Api.BOB_PASSWORD));
        try (TestSocket expiring = TestSocket.connected(api.live(), Map.of("Cookie", idle));
             TestSocket keptAlive = TestSocket.connected(api.live(), Map.of("Cookie", kept))) {
            long deadline = System.nanoTime() + LOGIN_TIMEOUT.multipliedBy(4).toNanos();
            while (!expiring.isClosed() && System.nanoTime() < deadline) {
                // What a dashboard does to keep its login: any request with the cookie.
                assertEquals(200, Api.send(HttpRequest.newBuilder(api.http("api/v1/activity/session"))
                        .header("Cookie", kept).GET()).statusCode());
                Api.pause(Duration.ofMillis(500));
            }
            assertEquals(new TestSocket.Closed(1008, ServerUnderTest.current().loginExpiredReason()),
                    expiring.awaitClose(Duration.ofSeconds(1)));
            api.fire("count=1&user=bob");
            assertEquals(List.of("bob"), owners(keptAlive.eventsUntilQuiet(QUIET)), "the kept login's socket is open");
        }
    }

    @Test
    void aFloodOfBadCredentialsNeitherFailsNorBlocksAGoodPublisher() throws Exception {
        ExecutorService attackers = Executors.newFixedThreadPool(4);
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (TestSocket alice = viewer("alice", Api.ALICE_PASSWORD)) {
            List<Future<?>> flood = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                flood.add(attackers.submit(() -> {
                    for (int i = 0; i < 1_000 && System.nanoTime() < until; i++) {
                        HttpResponse<String> answer = api.post("api/v1/activity/events", SYSTEM_EVENT, "publisher",
                                "guess-" + i);
                        (answer.statusCode() == 401 && !answer.body().contains("Exception") ? refused : other)
                                .incrementAndGet();
                    }
                }));
            }
            int published = 100;
            for (int i = 0; i < published; i++) {
                assertEquals(202, api.publish(memoryOperation("alice", "good-" + i)).statusCode(), "publish " + i);
            }
            for (Future<?> attacker : flood) {
                attacker.get(60, TimeUnit.SECONDS);
            }
            assertEquals(0, other.get(), "every bad attempt got a plain 401");
            assertTrue(refused.get() >= 400, "the flood ran: " + refused.get());
            List<JsonObject> received = alice.eventsUntilQuiet(QUIET);
            assertEquals(IntStream.range(0, published).mapToObj(i -> "good-" + i).toList(),
                    received.stream().map(e -> e.getJsonObject("data").getString("memoryId")).toList());
        } finally {
            attackers.shutdownNow();
        }
    }

    private static final String REFUSED = "activity_live_refused_connections_total";

    private static final String SYSTEM_EVENT =
            "{\"type\":\"system_event\",\"data\":{\"event\":\"health_change\",\"status\":\"ok\"}}";

    private static String sessionEvent(String userId) {
        return "{\"type\":\"session_event\",\"data\":{\"event\":\"created\",\"sessionId\":\"s\""
                + (userId == null ? "" : ",\"userId\":\"" + userId + "\"") + "}}";
    }

    private static String memoryOperation(String userId, String memoryId) {
        return "{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\",\"memoryId\":\"" + memoryId
                + "\",\"userId\":\"" + userId + "\",\"success\":true}}";
    }

    private TestSocket viewer(String user, String password) {
        return TestSocket.connected(api.live(), Map.of("Authorization", api.basic(user, password)));
    }

    /** Each event's {@code data.userId}, {@code -} where it has none, in order of arrival. */
    private static List<String> owners(List<JsonObject> events) {
        return events.stream().map(e -> e.getJsonObject("data").getString("userId", "-")).toList();
    }

    private static Map<String, Long> countByOwner(List<JsonObject> events) {
        return owners(events).stream().collect(java.util.stream.Collectors.groupingBy(o -> o,
                java.util.stream.Collectors.counting()));
    }

    private static String sessionCookie(HttpResponse<String> login) {
        assertEquals(200, login.statusCode(), login.body());
        return login.headers().allValues("set-cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + login.headers()));
    }
}
