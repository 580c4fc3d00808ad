package dev.activitylive.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser client that {@code docs/protocol.md} shows, as it is written there, run in node against a scripted
 * server: it renders every event of a stream that restarted (the new epoch's ids start again at 1) and reloads its
 * state once, resumes from where it stands, and never renders an event twice.
 */
class DocumentedBrowserClientTest {

    private static final String HARNESS = """
            const sockets = [];
            const rendered = [];
            let reloads = 0;
            globalThis.location = { protocol: "http:", host: "127.0.0.1:8080" };
            globalThis.setTimeout = (run) => run();
            globalThis.reloadState = () => { reloads++; };
            globalThis.render = (message) => { rendered.push(message.type + ":" + (message.id ?? "-")); };
            globalThis.WebSocket = class { constructor(url) { this.url = url; sockets.push(this); } };
            const send = (socket, message) => socket.onmessage({ data: JSON.stringify(message) });
            const established = (epoch, lastId) => ({ type: "connection_established", epoch, lastId,
                data: { message: "Connected as ws-1" } });
            const event = (id) => ({ type: "memory_operation", id, data: { operation: "store" } });
            const recovery = (recovered, epoch, lastId) => ({ type: "recovery", data: { recovered, epoch, lastId } });
            //CLIENT//
            send(sockets[0], established("A", 0));
            for (let id = 1; id <= 5; id++) send(sockets[0], event(id));
            sockets[0].onclose();                                      // the server restarts
            send(sockets[1], established("B", 0));
            send(sockets[1], recovery(false, "B", 0));
            for (let id = 1; id <= 4; id++) send(sockets[1], event(id));
            sockets[1].onclose();                                      // a dropped connection, the server lives
            send(sockets[2], established("B", 6));
            send(sockets[2], event(5)); send(sockets[2], event(6));    // the replay
            send(sockets[2], recovery(true, "B", 6));
            send(sockets[2], event(7));
            sockets[2].onclose();
            send(sockets[3], established("B", 7));
            send(sockets[3], { type: "heartbeat", data: { message: "keepalive" } });
            send(sockets[3], event(6)); send(sockets[3], event(7));    // a resume by message repeats what came
            send(sockets[3], event(8));
            console.log(JSON.stringify({ urls: sockets.map((s) => s.url), rendered, reloads }));
            """;

    @Test
    void theDocumentedClientLosesNothingAcrossARestartAndRepeatsNothingAfterAResume(@TempDir Path work)
            throws IOException, InterruptedException {
        String protocol = Files.readString(Path.of("docs/protocol.md"), StandardCharsets.UTF_8);
        int at = protocol.indexOf("A dashboard in the browser");
        int start = protocol.indexOf("```js\n", at) + "```js\n".length();
        String client = protocol.substring(start, protocol.indexOf("```", start));
        assertTrue(client.contains("new WebSocket("), "the client block of docs/protocol.md");
        Path script = work.resolve("client.js");
        Files.writeString(script, HARNESS.replace("//CLIENT//", client), StandardCharsets.UTF_8);

        Process node = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(node.waitFor(30, TimeUnit.SECONDS), "node ran");
        assertEquals(0, node.exitValue(), output);
        assertEquals("{\"urls\":["
                + "\"ws://127.0.0.1:8080/api/v1/activity/live?types=memory_operation,reasoning_update,load_change\","
                + "\"ws://127.0.0.1:8080/api/v1/activity/live?types=memory_operation,reasoning_update,load_change&since=5&epoch=A\","
                + "\"ws://127.0.0.1:8080/api/v1/activity/live?types=memory_operation,reasoning_update,load_change&since=4&epoch=B\","
                + "\"ws://127.0.0.1:8080/api/v1/activity/live?types=memory_operation,reasoning_update,load_change&since=7&epoch=B\"],"
                + "\"rendered\":[\"memory_operation:1\",\"memory_operation:2\",\"memory_operation:3\",\"memory_operation:4\","
                + "\"memory_operation:5\",\"memory_operation:1\",\"memory_operation:2\",\"memory_operation:3\","
                + "\"memory_operation:4\",\"memory_operation:5\",\"memory_operation:6\",\"memory_operation:7\","
                + "\"heartbeat:-\",\"memory_operation:8\"],\"reloads\":1}", output);
    }
}
