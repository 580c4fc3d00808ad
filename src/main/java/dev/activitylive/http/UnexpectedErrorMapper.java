package dev.activitylive.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A bug in a resource: logged once here with its stack trace, answered 500 with no detail. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException exception) {
        LOG.log(Level.SEVERE, "Unexpected error answering an HTTP request", exception);
        return new ErrorBody("internal error").response(500);
    }
}
