package dev.activitylive.security;

import dev.activitylive.config.Settings;
import dev.activitylive.container.SessionCookies;
import dev.activitylive.event.ProtocolJson;
import dev.activitylive.http.ApiPaths;
import dev.activitylive.http.ErrorBody;
import dev.activitylive.http.JsonAnswer;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /api/v1/activity/session}: the login a browser needs to open an authenticated WebSocket. {@code POST} with
 * HTTP Basic credentials starts one (a new HTTP session id; the cookie HttpOnly by web.xml, SameSite=Strict added
 * here) and answers who the caller is; {@code GET} answers the same and keeps the login alive; {@code DELETE} logs out, which
 * closes the login's WebSockets with 1008. POST and GET need a user (web-fragment.xml), DELETE does not.
 */
@WebServlet(ApiPaths.SESSION)
public class LoginServlet extends HttpServlet {

    private static final List<String> ROLES = List.of(ApiSecurity.VIEWER_ROLE, ApiSecurity.ADMIN_ROLE,
            ApiSecurity.PUBLISHER_ROLE);

    @Inject
    Settings settings;

    @Inject
    Event<LoginEnded> loginEnded;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getMethod()) {
            case "POST" -> {
                logIn(request);
                SessionCookies.strictSameSite(response, getServletContext());
                JsonAnswer.send(response, 200, describe(request));
            }
            case "GET" -> JsonAnswer.send(response, 200, describe(request));
            case "DELETE" -> logOut(request, response);
            default -> {
                response.setHeader("Allow", "DELETE, GET, POST");
                JsonAnswer.send(response, 405, new ErrorBody(
                        "method not allowed: POST logs in, GET shows the login, DELETE logs out").toJson());
            }
        }
    }

    private void logIn(HttpServletRequest request) {
        Set<String> roles = new TreeSet<>();
        ROLES.stream().filter(request::isUserInRole).forEach(roles::add);
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId(); // a session id known before the login must not become the login
        }
        HttpSession session = request.getSession(true);
        session.setMaxInactiveInterval((int) settings.loginTimeout().toSeconds());
        // Roles are mapped to groups of the same name (glassfish-web.xml), so the roles are the groups to restore.
        new Login(request.getUserPrincipal().getName(), roles).keepIn(session);
    }

    /** Who the caller is; without a login (GET is open) {@code "user":null}, so a page knows to show its login. */
    private String describe(HttpServletRequest request) {
        Map<String, Object> who = new LinkedHashMap<>();
        boolean known = request.getUserPrincipal() != null;
        who.put("user", known ? request.getUserPrincipal().getName() : null);
        who.put("roles", known ? ROLES.stream().filter(request::isUserInRole).sorted().toList() : List.of());
        who.put("authentication", settings.authentication().word());
        HttpSession session = request.getSession(false);
        if (session != null && Login.of(session).isPresent()) {
            who.put("idleTimeoutSeconds", session.getMaxInactiveInterval());
        }
        return ProtocolJson.write(who);
    }

    /**
     * Ends the login: takes it out of the session, closes its WebSockets and event streams with 1008 "Login ended",
     * logs the caller out of the container too (a host application's mechanism may keep its own login in the
     * session) and gives the session a new id, so the old one, the credential, opens nothing any more. The session is
     * not invalidated: on invalidation the container closes the session's WebSockets itself, and on WildFly 39.0.1
     * (Undertow) its close frame, sent while ours was still going out, cut the connection (the client saw 1006). The
     * application's own attributes stay; an empty session ends at its timeout.
     */
    private void logOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null && Login.end(session)) {
            loginEnded.fire(new LoginEnded(session.getId()));
            try {
                request.logout();
            } catch (jakarta.servlet.ServletException notLoggedIn) {
                // nothing of the container's to end
            }
            try {
                request.changeSessionId();
            } catch (IllegalStateException ended) {
                // the container's logout ended the session itself: its id opens nothing either
            }
        }
        response.setStatus(204);
    }
}
