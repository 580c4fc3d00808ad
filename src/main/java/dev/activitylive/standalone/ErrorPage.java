package dev.activitylive.standalone;

import dev.activitylive.http.ErrorBody;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The error page of the whole application (web.xml): answers the container's own refusals, chiefly 401 and 403
 * from the security constraints, with a JSON body instead of the server's HTML page.
 */
@WebServlet("/error")
public class ErrorPage extends HttpServlet {

    private static final Map<Integer, String> MESSAGES = Map.of(
            401, "authentication required: HTTP Basic credentials of a user with the role this resource needs",
            403, "forbidden: the authenticated user lacks the role this resource needs",
            404, "not found",
            405, "method not allowed");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_NOT_FOUND;
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String message = MESSAGES.getOrDefault(status, status >= 500 ? "internal error" : "request refused");
        response.getWriter().write(new ErrorBody(message).toJson());
    }
}
