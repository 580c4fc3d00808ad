package dev.activitylive.http;

import dev.activitylive.event.ActivityEventJson;
import dev.activitylive.event.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The JSON body of every error answer: {@code {"error":"...","problems":[{"path":..,"message":..}]}}, the list
 * present only where there are problems to name. Never a stack trace or a class name.
 */
public record ErrorBody(String error, List<Problem> problems) {

    public ErrorBody(String error) {
        this(error, null);
    }

    public String toJson() {
        return ActivityEventJson.writeValue(this);
    }

    /** A JAX-RS response with this body and {@code status}. */
    public Response response(int status) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(toJson()).build();
    }
}
