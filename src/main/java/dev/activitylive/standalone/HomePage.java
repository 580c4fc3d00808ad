package dev.activitylive.standalone;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The standalone server's {@code /}: the dashboard (the empty pattern maps exactly the context root). */
@WebServlet("")
public class HomePage extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(303);
        response.setHeader("Location", request.getContextPath() + "/activity-live/");
    }
}
