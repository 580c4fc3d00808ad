package dev.activitylive.publish;

import dev.activitylive.config.Settings;
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
 * {@code publish.body-timeout-ms}.
 * Role {@code activity-publisher} (web-fragment.xml). Over HTTP/1.1 a body that has not all arrived with the
 * request's head is read asynchronously ({@link BodyReader}): a publisher that sends it slowly holds no container
 * thread, however many do.
 *
 * <p>A plain servlet, not a JAX-RS resource: measured on Payara, Jersey's request processing (with HK2 and the CDI
 * bridge) was about half of the CPU of a publish request, and one event per request is how producers outside the
 * application publish. Its exact URL takes precedence over the JAX-RS application's {@code /api/v1/*}.
 */
@WebServlet(urlPatterns = ApiPaths.EVENTS, asyncSupported = true)
public class PublishServlet extends HttpServlet {

    private static final String JSON = "application/json";

    @Inject
    EventPublisher publisher;

    @Inject
    Settings settings;

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
                JsonAnswer.send(response, refused.get().status(), refused.get().json());
            } else if (declared >= 0 && body.available() >= declared || !request.getProtocol().startsWith("HTTP/1.")) {
                // The whole body came with the head (a small event, the usual case): read without waiting, as
                // going asynchronous costs about 0.1 ms of CPU more per request on Payara. Over HTTP/2 always:
                // Grizzly 4's HTTP/2 streams break an asynchronous read (architecture.md, container workarounds).
                PublishOutcome outcome = publisher.publish(body.readNBytes(publisher.maxBodyBytes() + 1));
                JsonAnswer.send(response, outcome.status(), outcome.json());
            } else {
                AsyncPublish.start(request, response, publisher, settings.publishBodyTimeout());
            }
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
