package dev.activitylive.endpoint;

import dev.activitylive.config.Settings;
import dev.activitylive.container.servers.ThisServer;
import dev.activitylive.http.ApiPaths;
import dev.activitylive.http.ErrorBody;
import dev.activitylive.http.JsonAnswer;
import dev.activitylive.metrics.LiveMetrics;
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
        Optional<CallerRules.Refusal> refused;
        if (malformed.isPresent()) {
            HandshakeRules.Refusal refusal = malformed.get();
            refusal.headers().forEach(response::setHeader);
            JsonAnswer.send(response, refusal.status(), new ErrorBody(refusal.error()).toJson());
        } else if ((refused = CallerRules.check(request, settings)).isPresent()) {
            LOG.log(Level.FINE, "Refused a WebSocket handshake: {0}", refused.get().reason());
            refused.get().answer(request, response, metrics);
        } else {
            upgrade(ThisServer.guardedUpgrade(request, () -> new InboundGuard(settings.clientMessageMaxBytes(),
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
}
