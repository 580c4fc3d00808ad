package dev.activitylive.endpoint;

import dev.activitylive.config.Authentication;
import dev.activitylive.config.Setting;
import dev.activitylive.config.Settings;
import dev.activitylive.container.GuardedUpgradeRequest;
import dev.activitylive.http.ApiPaths;
import dev.activitylive.http.ErrorBody;
import dev.activitylive.http.JsonAnswer;
import dev.activitylive.metrics.LiveMetrics;
import dev.activitylive.security.ApiSecurity;
import dev.activitylive.wire.InboundGuard;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks a WebSocket handshake before the upgrade: that it is one ({@link HandshakeRules}: 400, 405 or 426), its
 * Origin (403 unless allowed, against cross-site WebSocket hijacking) and, when authentication is required, its
 * caller (401 without a login, 403 without role {@code activity-viewer} or {@code activity-admin}); then lets the
 * container upgrade it, reading the connection through an {@link InboundGuard}. A declared filter runs before the
 * container's WebSocket upgrade filter, which the WebSocket implementation registers to match after every declared one.
 */
@WebFilter(ApiPaths.LIVE)
public class HandshakeFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(HandshakeFilter.class.getName());

    @Inject
    Settings settings;

    @Inject
    LiveMetrics metrics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<HandshakeRules.Refusal> malformed = HandshakeRules.check(request.getMethod(), request.getProtocol(),
                name -> HandshakeRules.values(request.getHeaders(name)));
        if (malformed.isPresent()) {
            HandshakeRules.Refusal refusal = malformed.get();
            refusal.headers().forEach(response::setHeader);
            JsonAnswer.send(response, refusal.status(), new ErrorBody(refusal.error()).toJson());
        } else if (!settings.allowedOrigins().allow(request.getHeader("Origin"), request.getHeader("Host"))) {
            LOG.log(Level.FINE, "Refused a WebSocket handshake from a page of another origin");
            refuse(response, "origin", 403, "origin not allowed: add it to " + Setting.ALLOWED_ORIGINS.key()
                    + " if pages from it may connect");
        } else if (settings.authentication() == Authentication.REQUIRED && request.getUserPrincipal() == null) {
            response.setHeader("WWW-Authenticate", ApiSecurity.CHALLENGE);
            refuse(response, "unauthenticated", 401, "authentication required: log in with POST "
                    + ApiPaths.SESSION + " and connect with its session cookie, or send HTTP Basic credentials");
        } else if (settings.authentication() == Authentication.REQUIRED
                && !request.isUserInRole(ApiSecurity.VIEWER_ROLE) && !request.isUserInRole(ApiSecurity.ADMIN_ROLE)) {
            refuse(response, "forbidden", 403, "forbidden: connecting needs role " + ApiSecurity.VIEWER_ROLE + " or "
                    + ApiSecurity.ADMIN_ROLE);
        } else {
            upgrade(new GuardedUpgradeRequest(request, () -> new InboundGuard(settings.clientMessageMaxBytes(),
                    settings.clientMessagesPerSecond(), System::nanoTime)), response, chain);
        }
    }

    // A peer that leaves during the upgrade makes the container's flush of the 101 fail; left to propagate, that is a
    // WARNING with a stack trace per such peer. Nothing was admitted (the endpoint forgets it), so FINE is enough.
    private static void upgrade(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException peerGone) {
            LOG.log(Level.FINE, "WebSocket peer left during the handshake: {0}", peerGone.toString());
        }
    }

    /** Answers {@code status} with {@code error}, counted under {@code reason}. */
    private void refuse(HttpServletResponse response, String reason, int status, String error) throws IOException {
        metrics.refused(reason);
        JsonAnswer.send(response, status, new ErrorBody(error).toJson());
    }
}
