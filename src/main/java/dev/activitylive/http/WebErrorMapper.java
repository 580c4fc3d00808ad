package dev.activitylive.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Gives JAX-RS's own refusals (404, 405, 406, 415) a JSON body naming the problem instead of a server page. */
@Provider
public class WebErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response.StatusType status = exception.getResponse().getStatusInfo();
        Response.ResponseBuilder answer = Response.fromResponse(exception.getResponse());
        return answer.entity(new ErrorBody(status.getReasonPhrase()).toJson())
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
