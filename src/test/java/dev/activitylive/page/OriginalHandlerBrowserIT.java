package dev.activitylive.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.activitylive.testsupport.Browser;
import dev.activitylive.testsupport.SeedPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The browser client against the original handler (the seed peer), which numbers nothing and keeps no history: it
 * connects, subscribes and unsubscribes, notices a frozen server from its missing heartbeats, reconnects by itself
 * after a restart and, since nothing can be resumed there, asks the page to reload instead of dropping silently.
 */
class OriginalHandlerBrowserIT {

    private static final Path MODULE = Path.of("target/classes/META-INF/resources/activity-live/activity-live.js");

    @Test
    @Timeout(180)
    void theClientWorksAgainstTheOriginalHandlerAndReloadsWhereItCannotResume() throws Exception {
        HttpServer pages = pages();
        try (SeedPeer seed = SeedPeer.start(Duration.ofMillis(500)); Browser browser = Browser.open()) {
            browser.get("http://127.0.0.1:" + pages.getAddress().getPort() + "/");
            browser.script("""
                    window.states = []; window.events = []; window.reloads = [];
                    import('/activity-live/activity-live.js').then(({ connect }) => {
                      window.live = connect({ base: arguments[0], heartbeatTimeoutMs: 2000, initialDelayMs: 100,
                                              maxDelayMs: 500 });
                      live.on('state', (s) => window.states.push(s.state));
                      live.on('reload', (r) => window.reloads.push(r.reason));
                      live.on('*', (e) => { if (e.type !== 'heartbeat') window.events.push(e.type); });
                    });
                    """, seed.base().toString());
            awaitScript(browser, "open", "return window.states.at(-1)");

            browser.script("window.live.subscribe(['memory_operation'])");
            Thread.sleep(300); // the subscribe message is sent; nothing answers it
            assertEquals(202, seed.publish(SYSTEM_EVENT));
            assertEquals(202, seed.publish(MEMORY_OPERATION));
            awaitScript(browser, 1L, "return window.events.length");
            assertEquals(List.of("memory_operation"), browser.script("return window.events"), "subscribed");
            browser.script("window.live.unsubscribe(['memory_operation'])"); // none left: every type again
            Thread.sleep(300);
            assertEquals(202, seed.publish(SYSTEM_EVENT));
            awaitScript(browser, 2L, "return window.events.length");

            seed.freeze(true); // the socket stays open; only the heartbeats stop
            awaitScript(browser, "reconnecting", "return window.states.at(-1)");
            seed.freeze(false);
            awaitScript(browser, "open", "return window.states.at(-1)");
            awaitScript(browser, 1L, "return window.reloads.length");

            seed.stop();
            awaitScript(browser, "reconnecting", "return window.states.at(-1)");
            seed.startAgain();
            awaitScript(browser, "open", "return window.states.at(-1)");
            awaitScript(browser, 2L, "return window.reloads.length");
            assertEquals("the server keeps no history: events while disconnected are lost",
                    browser.script("return window.reloads[1]"));
            assertEquals(202, seed.publish(MEMORY_OPERATION));
            awaitScript(browser, 3L, "return window.events.length");
            for (String error : browser.consoleErrors()) {
                assertTrue(error.contains("WebSocket connection to 'ws://127.0.0.1:" + seed.base().getPort()),
                        "only the attempts while the server was down: " + error);
            }
        } finally {
            pages.stop(0);
        }
    }

    private static void awaitScript(Browser browser, Object expected, String script) {
        browser.await(script + " answers " + expected, page -> expected.equals(browser.script(script)));
    }

    /** A page from another origin than the handler's, serving the client module as the WAR does. */
    private static HttpServer pages() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean module = exchange.getRequestURI().getPath().equals("/activity-live/activity-live.js");
            byte[] body = module ? Files.readAllBytes(MODULE)
                    : "<!doctype html><title>old dashboard</title><link rel=\"icon\" href=\"data:,\">"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", module ? "text/javascript" : "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static final String SYSTEM_EVENT =
            "{\"type\":\"system_event\",\"data\":{\"event\":\"health_change\",\"status\":\"ok\"}}";
    private static final String MEMORY_OPERATION =
            "{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\",\"userId\":\"u-1\",\"success\":true}}";
}
