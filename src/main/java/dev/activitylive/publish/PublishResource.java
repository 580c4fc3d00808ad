package dev.activitylive.publish;

import dev.activitylive.event.ActivityEventJson;
import dev.activitylive.http.ErrorBody;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code POST /api/v1/activity/events}: one event object or an array of them, for producers that are not CDI
 * beans. 202 {@code {"accepted":N}}; 400 naming each problem; 413 over the size or batch limit. Role
 * {@code activity-publisher} (web.xml).
 */
@Path("activity/events")
@RequestScoped
public class PublishResource {

    @Inject
    EventPublisher publisher;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response publish(@HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, InputStream body)
            throws IOException {
        PublishOutcome outcome = publisher.publish(contentLength == null ? -1 : contentLength, body);
        if (outcome instanceof PublishOutcome.Accepted accepted) {
            return Response.accepted(ActivityEventJson.writeValue(Map.of("accepted", accepted.count()))).build();
        }
        if (outcome instanceof PublishOutcome.Invalid invalid) {
            return new ErrorBody(invalid.error(), invalid.problems()).response(400);
        }
        return new ErrorBody(((PublishOutcome.TooLarge) outcome).error()).response(413);
    }
}
