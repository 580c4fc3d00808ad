package dev.activitylive.tools;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A minimal dashboard for the README's demo: prints every message of the live stream, one per line. Runs as a
 * single source file on any JDK 17, no build needed:
 *
 * <pre>java src/tools/java/dev/activitylive/tools/Watch.java [ws://127.0.0.1:8080/api/v1/activity/live] [type ...]</pre>
 *
 * With type names after the URL it subscribes to those types only. A user in the URL
 * ({@code ws://grace:secret@127.0.0.1:8080/...}) logs in with HTTP Basic, for servers where watching needs a login.
 */
public final class Watch {

    private Watch() {
    }

    public static void main(String[] args) throws Exception {
        URI given = URI.create(args.length > 0 ? args[0] : "ws://127.0.0.1:8080/api/v1/activity/live");
        URI uri = new URI(given.getScheme(), null, given.getHost(), given.getPort(), given.getPath(), given.getQuery(),
                null);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (given.getUserInfo() != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(given.getUserInfo().getBytes(StandardCharsets.UTF_8)));
        }
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket socket = builder
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder message = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        message.append(data);
                        if (last) {
                            System.out.println(message);
                            message.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
                        closed.complete("closed by the server: " + code + " " + reason);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete("connection failed: " + error);
                    }
                }).exceptionally(failed -> {
                    String why = failed.getCause() instanceof WebSocketHandshakeException refused
                            ? "handshake refused: HTTP " + refused.getResponse().statusCode() : failed.toString();
                    System.err.println(why);
                    System.exit(1);
                    return null;
                }).join();
        if (args.length > 1) {
            String types = String.join("\",\"", java.util.Arrays.copyOfRange(args, 1, args.length));
            socket.sendText("{\"action\":\"subscribe\",\"types\":[\"" + types + "\"]}", true).join();
        }
        System.err.println(closed.join());
    }
}
