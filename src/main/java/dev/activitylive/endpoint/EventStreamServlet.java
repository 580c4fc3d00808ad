package dev.activitylive.endpoint;

import dev.activitylive.config.Settings;
import dev.activitylive.container.servers.ThisServer;
import dev.activitylive.fanout.Clients;
import dev.activitylive.fanout.Clients.Admission;
import dev.activitylive.fanout.ConnectOptions;
import dev.activitylive.fanout.LiveClient;
import dev.activitylive.fanout.LiveStream;
import dev.activitylive.http.ApiPaths;
import dev.activitylive.http.ErrorBody;
import dev.activitylive.http.JsonAnswer;
import dev.activitylive.metrics.LiveMetrics;
import dev.activitylive.transport.EventStreamTransport;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/activity/stream}: the stream as Server-Sent Events, for clients that cannot use a WebSocket.
 * Admitted like a WebSocket (Origin, login, {@code max-clients}: {@link CallerRules}, {@link Clients}), it is then
 * one more client: the same outbox, history, resume and scoping, written by {@link EventStreamTransport}. Refusals
 * are JSON: 403, 401, 405, and 503 when the server is full or stopping.
 */
@WebServlet(urlPatterns = ApiPaths.STREAM, asyncSupported = true)
public class EventStreamServlet extends HttpServlet {

    /** The reconnection delay the stream's first line gives an {@code EventSource}. */
    static final long RETRY_MILLIS = 2_000;

    @Inject
    Settings settings;

    @Inject
    Clients clients;

    @Inject
    LiveStream stream;

    @Inject
    LiveMetrics metrics;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            JsonAnswer.send(response, 405, new ErrorBody("method not allowed: the event stream answers GET").toJson());
            return;
        }
        var refused = CallerRules.check(request, settings);
        if (refused.isPresent()) {
            refused.get().answer(request, response, metrics);
            return;
        }
        ConnectOptions options = ConnectOptions.ofEventStream(query(request), request.getHeader("Last-Event-ID"));
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the stream lasts until either side ends it
        Admission admission = clients.admitEventStream(CallerRules.viewer(request, settings), () -> {
            allowOrigin(request, response);
            response.setContentType("text/event-stream;charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Accel-Buffering", "no"); // a proxy in front must pass each event on at once
            return EventStreamTransport.open(async, RETRY_MILLIS);
        });
        if (admission instanceof Admission.Refused refusal) {
            response.setHeader("Retry-After", "5");
            JsonAnswer.send(response, 503, new ErrorBody("the server takes no more clients now: "
                    + refusal.reason().getReasonPhrase()).toJson());
            async.complete();
            return;
        }
        LiveClient client = ((Admission.Admitted) admission).client();
        async.addListener(new Ended(client));
        stream.join(client, options);
        ThisServer.leaveDispatch(request, getServletContext());
    }

    /** A page of another allowed origin may read the stream, with its cookies. */
    private static void allowOrigin(HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.setHeader("Vary", "Origin");
        }
    }

    private static Map<String, List<String>> query(HttpServletRequest request) {
        return request.getParameterMap().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> Arrays.asList(entry.getValue())));
    }

    /** Forgets the client once its response has ended, whoever ended it. */
    private final class Ended implements AsyncListener {
        private final LiveClient client;

        Ended(LiveClient client) {
            this.client = client;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            forget(event);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            forget(event);
        }

        @Override
        public void onError(AsyncEvent event) {
            forget(event);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void forget(AsyncEvent event) {
            ThisServer.balanceCompletion(event, getServletContext());
            clients.remove(client);
            client.discardQueue();
        }
    }
}
