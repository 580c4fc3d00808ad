package dev.activitylive.bench.producer;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code POST /bench/producer?rate=R&count=N&bytes=B} starts the {@link SteadyProducer} (202, or 409 while one runs);
 * {@code GET /bench/producer} answers its progress. Only a publisher may use it: it puts events into the stream.
 */
@WebServlet("/bench/producer")
@ServletSecurity(@HttpConstraint(rolesAllowed = "activity-publisher"))
public class ProducerServlet extends HttpServlet {

    @Inject
    SteadyProducer producer;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int rate;
        int count;
        int bytes;
        try {
            rate = Integer.parseInt(request.getParameter("rate"));
            count = Integer.parseInt(request.getParameter("count"));
            bytes = Integer.parseInt(request.getParameter("bytes"));
        } catch (NumberFormatException missing) {
            answer(response, 400, "{\"error\":\"rate, count and bytes must be whole numbers\"}");
            return;
        }
        if (rate < 1 || count < 1 || bytes < 0) {
            answer(response, 400, "{\"error\":\"rate and count must be at least 1, bytes at least 0\"}");
        } else if (producer.start(rate, count, bytes)) {
            answer(response, 202, "{\"started\":true}");
        } else {
            answer(response, 409, "{\"error\":\"a run is in progress\"}");
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SteadyProducer.Progress progress = producer.progress();
        answer(response, 200, String.format(Locale.ROOT, "{\"fired\":%d,\"running\":%b,\"seconds\":%.3f}",
                progress.fired(), progress.running(), progress.seconds()));
    }

    private static void answer(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(json);
    }
}
