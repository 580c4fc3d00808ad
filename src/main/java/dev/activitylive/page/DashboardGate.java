package dev.activitylive.page;

import dev.activitylive.config.Dashboard;
import dev.activitylive.config.Setting;
import dev.activitylive.config.Settings;
import dev.activitylive.http.ErrorBody;
import dev.activitylive.http.JsonAnswer;
import dev.activitylive.http.RequestHost;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /activity-live/*}: the browser client module is always served (an application's own pages import it); the
 * dashboard and its files only with {@code activity.live.dashboard=on}, else 404 in JSON. The files are sent with
 * {@code no-cache}, so a page reloaded after an upgrade never mixes two versions. A page of another origin that may
 * connect ({@code allowed-origins}) may also import the module: a module script is fetched with CORS, so without
 * {@code Access-Control-Allow-Origin} the browser would refuse it.
 */
@WebFilter(DashboardGate.PATH + "*")
public class DashboardGate extends HttpFilter {

    /** Where the page and the module are, under the application's context root. */
    public static final String PATH = "/activity-live/";
    private static final String MODULE = PATH + "activity-live.js";

    @Inject
    Settings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (settings.dashboard() == Dashboard.OFF && !path.equals(MODULE)) {
            JsonAnswer.send(response, 404, new ErrorBody("the dashboard is off: set " + Setting.DASHBOARD.key()
                    + "=on to serve it").toJson());
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (path.equals(MODULE)) {
            allowOriginsThatMayConnect(request, response);
        }
        chain.doFilter(request, response);
    }

    /** The module is as public as the stream it connects to: origins the WebSocket admits may load it. */
    private void allowOriginsThatMayConnect(HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        response.setHeader("Vary", "Origin");
        if (origin != null && settings.allowedOrigins().allow(origin, RequestHost.of(request))) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
        }
    }
}
