package dev.activitylive.publish;

import dev.activitylive.http.ApiPaths;
import dev.activitylive.http.ErrorBody;
import dev.activitylive.http.JsonAnswer;
import jakarta.inject.Inject;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/v1/activity/events}: one event object or an array of them, for producers that are not CDI
 * beans. 202 {@code {"accepted":N}}; 400 naming each problem; 413 over the size or batch limit; 415 for a body that
 * is not {@code application/json}; 405 for other methods; 408 for a body not received within
 * {@code publish.body-timeout-ms}; 503 while {@code publish.max-body-waits} other requests wait for their bodies.
 * Role {@code activity-publisher} (web-fragment.xml). A body that has not all arrived with the request's head is read
 * by {@link BodyWaits}, which bounds how long and how many such requests hold a container thread.
 *
 * <p>A plain servlet, not a JAX-RS resource: measured on Payara, Jersey's request processing (with HK2 and the CDI
 * bridge) was about half of the CPU of a publish request, and one event per request is how producers outside the
 * application publish. Its exact URL takes precedence over the JAX-RS application's {@code /api/v1/*}.
 */
@WebServlet(urlPatterns = ApiPaths.EVENTS)
public class PublishServlet extends HttpServlet {

    private static final String JSON = "application/json";

    @Inject
    EventPublisher publisher;

    @Inject
    BodyWaits bodyWaits;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            JsonAnswer.send(response, 405, new ErrorBody("method not allowed: publish with POST").toJson());
        } else if (!isJson(request.getContentType())) {
            JsonAnswer.send(response, 415,
                    new ErrorBody("unsupported media type: send Content-Type application/json").toJson());
        } else {
            long declared = request.getContentLengthLong();
            Optional<PublishOutcome> refused = publisher.refuseUnread(declared);
            ServletInputStream body = request.getInputStream();
            if (refused.isPresent()) {
                answer(request, response, refused.get());
            } else if (declared >= 0 && body.available() >= declared) {
                // The whole body came with the head (a small event, the usual case): nothing to wait for.
                answer(request, response, publisher.publish(body.readNBytes(publisher.maxBodyBytes() + 1)));
            } else {
                answer(request, response, bodyWaits.readThen(request, publisher.maxBodyBytes(), publisher::publish));
            }
        }
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, PublishOutcome outcome) {
        boolean http1 = request.getProtocol().startsWith("HTTP/1.");
        // HTTP/2 has no Connection header: its streams end without closing the connection the others share.
        outcome.headers().forEach((name, value) -> {
            if (http1 || !name.equals("Connection")) {
                response.setHeader(name, value);
            }
        });
        try {
            JsonAnswer.send(response, outcome.status(), outcome.json());
        } catch (IOException gone) {
            // the publisher's connection failed before its answer: there is no one to tell
        }
    }

    /** {@code application/json}, with or without parameters such as {@code charset}, as JAX-RS's {@code @Consumes} took it. */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return mediaType.toLowerCase(Locale.ROOT).equals(JSON);
    }

}
