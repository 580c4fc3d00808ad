package dev.activitylive.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The realm and roles. Who is authenticated is the authentication mechanism's business (the standalone server's, or
 * the host application's); which paths need which role is declared in the library's web-fragment.xml; the WebSocket
 * handshake is checked by {@code endpoint.HandshakeFilter}.
 */
@ApplicationScoped
@DeclareRoles({ApiSecurity.PUBLISHER_ROLE, ApiSecurity.ADMIN_ROLE, ApiSecurity.VIEWER_ROLE})
public class ApiSecurity {

    public static final String REALM = "activity-live";
    public static final String PUBLISHER_ROLE = "activity-publisher";
    public static final String ADMIN_ROLE = "activity-admin";
    /** May open a WebSocket when authentication is required, and sees the events about themself. */
    public static final String VIEWER_ROLE = "activity-viewer";
    /**
     * The request attribute an authentication mechanism sets on a request to the stream (WebSocket or event stream)
     * whose credentials it refused, letting it through for the stream's own rules to refuse: those answer, count and
     * explain the refusal alike on every server. (Open Liberty lets such a request through anyway when its path has
     * no security constraint, where Payara and WildFly end it with the mechanism's 401.)
     */
    public static final String CREDENTIALS_REFUSED = ApiSecurity.class.getName() + ".credentialsRefused";
    /** The challenge of a 401: Basic, the one scheme a script and a browser's login call can both use. */
    public static final String CHALLENGE = "Basic realm=\"" + REALM + "\"";

    /**
     * Adds the challenge to a 401, except for a page's own request (header {@code X-Requested-With}, as the
     * dashboard sends it): a browser answers a Basic challenge to a script's request with its own login dialog.
     */
    public static void challenge(HttpServletRequest request, HttpServletResponse response) {
        if (request.getHeader("X-Requested-With") == null) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
    }
}
