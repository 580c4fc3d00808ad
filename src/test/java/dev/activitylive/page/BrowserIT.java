package dev.activitylive.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.Browser;
import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.ServerUnderTest;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real headless Chromium against the standalone WAR's defaults (the dashboard on, at {@code /}):
 * every event type shown as it arrives, the type filter changing what the server sends, a dropped connection
 * resumed without gap or repeat, a bounded feed after 10,000 events, the fallback to the event stream; and no
 * console error on the way.
 */
class BrowserIT extends DeployedTest {

    /**
     * An application's own page on another origin: it imports the module from the server named in its query (another
     * loopback name of the same port, an origin the server admits), connects through it and shows what comes.
     */
    private static final String PAGE_OF_ANOTHER_ORIGIN = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>another origin</title>
            <link rel="icon" href="data:,"></head>
            <body><p id="state">loading</p><p id="message">none</p>
            <script type="module">
              const server = new URL(new URLSearchParams(location.search).get("server"));
              const { connect } = await import(new URL("activity-live/activity-live.js", server).href);
              const live = connect({ types: ["system_event"] });
              live.on("state", ({ state }) => document.getElementById("state").textContent = state);
              live.on("system_event", (event) => document.getElementById("message").textContent = event.data.message);
            </script></body></html>
            """;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of("activity.live.heartbeat-interval-ms", "1000"))
                .addAsWebResource(new StringAsset(PAGE_OF_ANOTHER_ORIGIN), "another-origin.html");
    }

    private Browser connectedPage() {
        Browser browser = Browser.open();
        browser.get(api.http("").toString());
        browser.awaitText("state", "connected");
        api.awaitClientCount(1);
        return browser;
    }

    @Test
    void thePageShowsEveryTypeOfEventAsItArrives() {
        try (Browser browser = connectedPage()) {
            assertTrue(browser.driver().getCurrentUrl().endsWith("/activity-live/"), "/ leads to the dashboard");
            publish("{\"type\":\"load_change\",\"data\":{\"loadLevel\":0.73,\"activeProcesses\":5,"
                    + "\"memoryOpsPerSecond\":12.5,\"reasoningSessions\":2,\"visualIntensity\":\"high\"}}");
            browser.awaitText("load-level", "73%");
            assertEquals("high", browser.find("body").getAttribute("data-intensity"));
            assertEquals("5", browser.text("load-processes"));
            assertEquals("12.5", browser.text("load-ops"));

            publish(reasoning("r-1", "analysis", 0.4));
            publish(reasoning("r-2", "planning", 0.9));
            WebElement session = browser.await("session r-1 shown",
                    page -> browser.findAll("#sessions li[data-session-id='r-1']").stream().findFirst().orElse(null));
            assertEquals("analysis", session.findElement(By.className("stage")).getText());
            assertEquals("40", session.findElement(By.tagName("progress")).getAttribute("value"));
            assertEquals("recall, plan", session.findElement(By.className("streams")).getText());
            publish(reasoning("r-1", "complete", 1.0));
            browser.await("r-1 finished", page -> session.getAttribute("class").contains("finished"));

            publish(Api.memoryOperations(0, 30, 10));
            browser.awaitText("memory-total", "30");
            browser.awaitText("memory-rate", "3.0"); // 30 in the last 10 whole seconds, as long as they are
            assertEquals(30, browser.findAll("#feed tr[data-type='memory_operation']").size());
            browser.await("the chart has drawn the last second", page -> (Long) browser.script(
                    "const c = document.getElementById('rate-chart');"
                            + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                            + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;") > 0);

            publish("{\"type\":\"session_event\",\"data\":{\"event\":\"created\",\"sessionId\":\"s-9\","
                    + "\"userId\":\"u-1\"}}");
            publish("{\"type\":\"system_event\",\"data\":{\"event\":\"health_change\",\"status\":\"ok\","
                    + "\"message\":\"all good\"}}");
            browser.await("session and system events logged", page -> browser.text("events-log")
                    .contains("session created: s-9")
                    && browser.text("events-log").contains("system health_change (ok): all good"));
            browser.awaitText("received-count", String.valueOf(1 + 3 + 30 + 2));
            browser.screenshot("dashboard");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    /** Opened mid-run, the page asks for the state: the current load and every session in progress, at once. */
    @Test
    void aPageOpenedMidRunShowsTheLoadAndEverySessionInProgressAtOnce() {
        publish(reasoning("mid-1", "analysis", 35));
        publish(reasoning("mid-2", "planning", 60));
        publish(reasoning("mid-3", "review", 100)); // ended: not in the state
        publish("{\"type\":\"load_change\",\"data\":{\"loadLevel\":0.42,\"activeProcesses\":3,"
                + "\"memoryOpsPerSecond\":4,\"reasoningSessions\":2,\"visualIntensity\":\"medium\"}}");
        try (Browser browser = connectedPage()) {
            browser.awaitText("load-level", "42%");
            WebElement session = browser.await("session mid-1 shown", page -> browser
                    .findAll("#sessions li[data-session-id='mid-1']").stream().findFirst().orElse(null));
            assertEquals("35", session.findElement(By.tagName("progress")).getAttribute("value"));
            assertEquals(1, browser.findAll("#sessions li[data-session-id='mid-2']").size());
            assertEquals(0, browser.findAll("#sessions li[data-session-id='mid-3']").size());

            publish(reasoning("mid-1", "analysis", 50));
            browser.await("the live update follows the state",
                    page -> "50".equals(session.findElement(By.tagName("progress")).getAttribute("value")));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    /** Following one session narrows the page's subscription to it on the server; "show all" widens it again. */
    @Test
    void followingOneSessionNarrowsWhatTheServerSends() {
        try (Browser browser = connectedPage()) {
            publish(reasoning("f-a", "analysis", 20));
            publish(reasoning("f-b", "analysis", 30));
            WebElement followed = browser.await("session f-a shown", page -> browser
                    .findAll("#sessions li[data-session-id='f-a']").stream().findFirst().orElse(null));
            browser.await("session f-b shown", page -> !browser.findAll("#sessions li[data-session-id='f-b']")
                    .isEmpty());
            followed.findElement(By.className("follow")).click();
            browser.awaitText("following-id", "f-a");
            browser.await("the server applied the filter", page -> api.clientList().get(0).containsKey("filter"));
            assertEquals("{\"sessionId\":[\"f-a\"]}", api.clientList().get(0).getJsonObject("filter").toString());
            assertEquals(0, browser.findAll("#sessions li[data-session-id='f-b']").size(), "the others left");

            publish(reasoning("f-b", "analysis", 70));
            publish(reasoning("f-a", "analysis", 60));
            browser.await("f-a moved on", page -> "60".equals(followed.findElement(By.tagName("progress"))
                    .getAttribute("value")));
            assertEquals(0, browser.findAll("#sessions li[data-session-id='f-b']").size(), "f-b never came");

            browser.find("#follow-all").click();
            browser.await("the filter is gone", page -> !api.clientList().get(0).containsKey("filter"));
            publish(reasoning("f-b", "analysis", 80));
            browser.await("f-b shown again", page -> !browser.findAll("#sessions li[data-session-id='f-b']")
                    .isEmpty());
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    /** Unticking a type unsubscribes: the server stops sending it, which its client list shows. */
    @Test
    void aPageOfAnotherOriginTheServerAdmitsImportsTheModuleAndConnects() {
        URI server = api.http("");
        String otherName = server.getHost().equals("localhost") ? "127.0.0.1" : "localhost";
        URI page = URI.create(server.toString().replaceFirst("//" + server.getHost(), "//" + otherName));
        String pageOrigin = page.getScheme() + "://" + page.getRawAuthority();
        // Over HTTP/2 on Liberty (Java's client upgrades there), where a request has no Host header.
        HttpResponse<String> module = Api.send(HttpRequest.newBuilder(api.http("activity-live/activity-live.js"))
                .header("Origin", pageOrigin).GET());
        assertEquals(200, module.statusCode());
        assertEquals(List.of(pageOrigin), module.headers().allValues("Access-Control-Allow-Origin"),
                () -> "the answer to " + pageOrigin + ": " + module.headers().map());
        HttpResponse<String> elsewhere = Api.send(HttpRequest.newBuilder(api.http("activity-live/activity-live.js"))
                .header("Origin", "http://pages.example").GET());
        assertEquals(List.of(), elsewhere.headers().allValues("Access-Control-Allow-Origin"), "not admitted");

        try (Browser browser = Browser.open()) {
            browser.get(page.resolve("another-origin.html?server=" + server).toString());
            browser.awaitText("state", "open");
            api.awaitClientCount(1);
            publish("{\"type\":\"system_event\",\"data\":{\"event\":\"health_change\",\"status\":\"ok\","
                    + "\"message\":\"from the other origin\"}}");
            browser.awaitText("message", "from the other origin");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void theTypeFilterChangesWhatTheServerSends() {
        try (Browser browser = connectedPage()) {
            browser.find("#type-filters input[value='memory_operation']").click();
            browser.await("the server knows the page's types", page -> subscribedTypes().size() == 4);
            assertEquals(List.of("load_change", "reasoning_update", "session_event", "system_event"),
                    subscribedTypes());
            publish(Api.memoryOperations(0, 5, 10));
            publish("{\"type\":\"system_event\",\"data\":{\"event\":\"config_change\"}}");
            browser.await("the system event shown", page -> browser.text("events-log").contains("config_change"));
            assertEquals("1", browser.text("received-count"), "the memory operations never came");
            assertEquals("0", browser.text("memory-total"));

            browser.find("#type-filters input[value='memory_operation']").click();
            browser.await("subscribed again", page -> subscribedTypes().size() == 5);
            publish(Api.memoryOperations(5, 2, 10));
            browser.awaitText("memory-total", "2");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    private List<String> subscribedTypes() {
        return api.clientList().get(0).getJsonArray("subscribedTypes").getValuesAs(JsonString::getString);
    }

    @Test
    void aDroppedConnectionResumesWithoutAGapOrARepeat() {
        try (Browser browser = connectedPage()) {
            publish(Api.memoryOperations(0, 10, 10));
            browser.awaitText("memory-total", "10");
            assertEquals("1", Api.send(HttpRequest.newBuilder(api.http("test/diagnostics/drop-clients"))
                    .POST(HttpRequest.BodyPublishers.noBody())).body());
            publish(Api.memoryOperations(10, 40, 10)); // while the page is away
            browser.await("resumed", page -> browser.text("notice").matches("resumed \\d+ events"));
            publish(Api.memoryOperations(50, 5, 10));
            browser.awaitText("memory-total", "55");
            List<String> ids = memoryIds(browser);
            assertEquals(55, ids.size());
            assertEquals(55, new HashSet<>(ids).size(), "no event twice: " + ids);
            assertEquals("connected", browser.text("state"));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    /** A page left open keeps its feed to 200 rows, whatever arrives. */
    @Test
    void theFeedKeepsToItsBoundAfterTenThousandEvents() {
        try (Browser browser = connectedPage()) {
            for (int batch = 0; batch < 10; batch++) {
                publish(Api.memoryOperations(batch * 1000, 1000, 10));
            }
            browser.awaitText("memory-total", "10000");
            assertEquals(200, browser.findAll("#feed tr").size());
            Set<String> shown = new HashSet<>(memoryIds(browser));
            assertTrue(shown.contains("9999") && !shown.contains("9799"), "the newest rows are kept");
            browser.screenshot("dashboard-after-10000-events");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    /** Where no WebSocket can be opened (here: every attempt fails), the client goes on over the event stream. */
    @Test
    void theClientFallsBackToTheEventStreamWhenNoWebSocketOpens() {
        try (Browser browser = connectedPage()) {
            Object transport = browser.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    import('./activity-live.js').then(({ connect }) => {
                      class Refused {
                        constructor() { setTimeout(() => this.onclose?.({ code: 1006, reason: '' }), 10); }
                        close() {}
                      }
                      window.received = [];
                      const live = connect({ WebSocket: Refused, initialDelayMs: 50, types: ['system_event'] });
                      live.on('system_event', (event) => window.received.push(event.data.event));
                      live.on('state', (s) => { if (s.state === 'open') done(s.transport); });
                    });
                    """);
            assertEquals("sse", transport);
            browser.await("two clients: the page's and the fallback", page -> api.clientList().size() == 2);
            assertEquals(Set.of(ServerUnderTest.current().webSocketSendPath(), "event-stream"), Set.copyOf(api.clientList().stream()
                    .map(client -> client.getString("sendPath")).toList()));
            publish("{\"type\":\"system_event\",\"data\":{\"event\":\"startup\"}}");
            browser.await("the event came over the event stream",
                    page -> "startup".equals(browser.script("return window.received[0]")));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    /** Narrow, by keyboard alone, with reduced motion and a dark scheme: what the dashboard page promises. */
    @Test
    void thePageIsUsableNarrowAndByKeyboardAndFollowsTheUsersMediaPreferences() {
        try (Browser browser = connectedPage()) {
            browser.resize(360, 800);
            assertEquals(Boolean.TRUE, browser.script(
                    "return document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
            browser.screenshot("dashboard-narrow");

            // Tab from the top of the page to the first filter, and untick it with the space bar.
            browser.find("body").sendKeys(org.openqa.selenium.Keys.TAB);
            for (int i = 0; i < 10 && !"memory_operation".equals(browser.script(
                    "return document.activeElement.value")); i++) {
                browser.driver().switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
            }
            browser.driver().switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.SPACE);
            browser.await("unsubscribed by keyboard", page -> subscribedTypes().size() == 4);

            String light = (String) browser.script("return getComputedStyle(document.body).backgroundColor");
            browser.emulateMedia(Map.of("prefers-color-scheme", "dark", "prefers-reduced-motion", "reduce"));
            String dark = (String) browser.script("return getComputedStyle(document.body).backgroundColor");
            assertTrue(!light.equals(dark), light + " / " + dark);
            publish("{\"type\":\"load_change\",\"data\":{\"loadLevel\":0.9,\"activeProcesses\":9,"
                    + "\"memoryOpsPerSecond\":50,\"reasoningSessions\":4,\"visualIntensity\":\"high\"}}");
            browser.awaitText("load-level", "90%");
            assertEquals("none", browser.script("return getComputedStyle(document.getElementById('load-fill'))"
                    + ".animationName"), "no pulse under reduced motion");
            assertEquals("0s", browser.script("return getComputedStyle(document.getElementById('load-fill'))"
                    + ".transitionDuration"));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    private void publish(String json) {
        assertEquals(202, api.publish(json).statusCode(), json);
    }

    private static String reasoning(String session, String stage, double progress) {
        return "{\"type\":\"reasoning_update\",\"data\":{\"sessionId\":\"" + session + "\",\"stage\":\"" + stage
                + "\",\"progress\":" + progress + ",\"activeStreams\":[\"recall\",\"plan\"]}}";
    }

    /** The memory ids the feed shows, newest first. */
    @SuppressWarnings("unchecked")
    private static List<String> memoryIds(Browser browser) {
        return (List<String>) browser.script("return [...document.querySelectorAll("
                + "\"#feed tr[data-type='memory_operation'] td:nth-child(3)\")].map(td => td.textContent.split(' ')[1])");
    }
}
