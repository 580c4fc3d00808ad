package dev.activitylive.standalone;

import dev.activitylive.http.ApiPaths;
import dev.activitylive.security.ApiSecurity;
import dev.activitylive.security.Login;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Jakarta Security mechanism of every request: HTTP Basic credentials, checked by the identity stores, or the
 * login kept in the HTTP session by {@code POST /api/v1/activity/session} (what a browser's {@code new WebSocket()}
 * can carry: the session cookie). Unlike the built-in Basic mechanism with {@code @AutoApplySession}, it creates a
 * session only where a login asks for one, so publishers that authenticate every request leave no sessions behind.
 *
 * <p>A failed check answers 401 at once: no delay that would hold a request thread, no lock shared with other
 * callers, and one FINE line, so a flood of bad credentials costs the others nothing but the CPU of the checks.
 */
@ApplicationScoped
public class ActivityAuthentication implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(ActivityAuthentication.class.getName());
    private static final String BASIC = "Basic ";

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            Optional<UsernamePasswordCredential> credential = decode(header.substring(BASIC.length()).trim());
            CredentialValidationResult result = credential.map(identityStores::validate)
                    .orElse(CredentialValidationResult.INVALID_RESULT);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            LOG.log(Level.FINE, "Refused Basic credentials on {0}", request.getRequestURI());
            if (toTheStream(request)) {
                request.setAttribute(ApiSecurity.CREDENTIALS_REFUSED, Boolean.TRUE);
                return context.doNothing();
            }
            return challenge(request, response, context);
        }
        Optional<Login> login = Login.of(request.getSession(false));
        if (login.isPresent()) {
            return context.notifyContainerAboutLogin(login.get().caller(), login.get().groups());
        }
        return context.isProtected() ? challenge(request, response, context) : context.doNothing();
    }

    /** A WebSocket handshake or an event stream: refused by the stream's own rules (CallerRules), counted there. */
    private static boolean toTheStream(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(ApiPaths.LIVE) || path.equals(ApiPaths.STREAM);
    }

    private static AuthenticationStatus challenge(HttpServletRequest request, HttpServletResponse response,
                                                  HttpMessageContext context) {
        ApiSecurity.challenge(request, response);
        return context.responseUnauthorized();
    }

    private static Optional<UsernamePasswordCredential> decode(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new UsernamePasswordCredential(pair.substring(0, colon), pair.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
