package dev.activitylive.publish;

import dev.activitylive.event.ProtocolJson;
import dev.activitylive.http.ApiPaths;
import dev.activitylive.http.ErrorBody;
import dev.activitylive.http.JsonAnswer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/v1/activity/events}: one event object or an array of them, for producers that are not CDI
 * beans. 202 {@code {"accepted":N}}; 400 naming each problem; 413 over the size or batch limit; 415 for a body that
 * is not {@code application/json}; 405 for other methods. Role {@code activity-publisher} (web-fragment.xml).
 *
 * <p>A plain servlet, not a JAX-RS resource: measured on Payara, Jersey's request processing (with HK2 and the CDI
 * bridge) was about half of the CPU of a publish request, and one event per request is how producers outside the
 * application publish. Its exact URL takes precedence over the JAX-RS application's {@code /api/v1/*}.
 */
@WebServlet(ApiPaths.EVENTS)
public class PublishServlet extends HttpServlet {

    private static final String JSON = "application/json";

    @Inject
    EventPublisher publisher;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            JsonAnswer.send(response, 405, new ErrorBody("method not allowed: publish with POST").toJson());
        } else if (!isJson(request.getContentType())) {
            JsonAnswer.send(response, 415,
                    new ErrorBody("unsupported media type: send Content-Type application/json").toJson());
        } else {
            PublishOutcome outcome = publisher.publish(request.getContentLengthLong(), request.getInputStream());
            if (outcome instanceof PublishOutcome.Accepted accepted) {
                JsonAnswer.send(response, 202, ProtocolJson.write(Map.of("accepted", accepted.count())));
            } else if (outcome instanceof PublishOutcome.Invalid invalid) {
                JsonAnswer.send(response, 400, new ErrorBody(invalid.error(), invalid.problems()).toJson());
            } else if (outcome instanceof PublishOutcome.Unconfirmed unconfirmed) {
                JsonAnswer.send(response, 503, new ErrorBody(unconfirmed.error()).toJson());
            } else {
                JsonAnswer.send(response, 413, new ErrorBody(((PublishOutcome.TooLarge) outcome).error()).toJson());
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
