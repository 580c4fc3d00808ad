package dev.activitylive.endpoint;

import dev.activitylive.config.Authentication;
import dev.activitylive.config.Setting;
import dev.activitylive.config.Settings;
import dev.activitylive.http.ApiPaths;
import dev.activitylive.http.ErrorBody;
import dev.activitylive.http.JsonAnswer;
import dev.activitylive.http.RequestHost;
import dev.activitylive.metrics.LiveMetrics;
import dev.activitylive.security.ApiSecurity;
import dev.activitylive.security.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Who may listen to the stream, over a WebSocket or an event stream alike: a request from a page of an allowed
 * origin (403 otherwise, against cross-site hijacking), with no refused credentials (401, whatever the
 * authentication setting) and, when authentication is required, with a login (401) holding role
 * {@code activity-viewer} or {@code activity-admin} (403).
 */
final class CallerRules {

    /** Why a caller is refused: the metric's reason, the status, the JSON error's text. */
    record Refusal(String reason, int status, String error) {

        /** Counts the refusal, then answers it: a 401 asks for credentials. */
        void answer(HttpServletRequest request, HttpServletResponse response, LiveMetrics metrics)
                throws IOException {
            metrics.refused(reason); // counted first: the client may read the metric once it has its answer
            if (status == 401) {
                ApiSecurity.challenge(request, response);
            }
            JsonAnswer.send(response, status, new ErrorBody(error).toJson());
        }
    }

    private CallerRules() {
    }

    static Optional<Refusal> check(HttpServletRequest request, Settings settings) {
        if (!settings.allowedOrigins().allow(request.getHeader("Origin"), RequestHost.of(request))) {
            return Optional.of(new Refusal("origin", 403, "origin not allowed: add it to "
                    + Setting.ALLOWED_ORIGINS.key() + " if pages from it may connect"));
        }
        if (request.getAttribute(ApiSecurity.CREDENTIALS_REFUSED) != null) {
            return Optional.of(new Refusal("unauthenticated", 401, "authentication failed: the HTTP Basic "
                    + "credentials were not accepted"));
        }
        if (settings.authentication() == Authentication.REQUIRED && request.getUserPrincipal() == null) {
            return Optional.of(new Refusal("unauthenticated", 401, "authentication required: log in with POST "
                    + ApiPaths.SESSION + " and connect with its session cookie, or send HTTP Basic credentials"));
        }
        if (settings.authentication() == Authentication.REQUIRED && !request.isUserInRole(ApiSecurity.VIEWER_ROLE)
                && !request.isUserInRole(ApiSecurity.ADMIN_ROLE)) {
            return Optional.of(new Refusal("forbidden", 403, "forbidden: connecting needs role "
                    + ApiSecurity.VIEWER_ROLE + " or " + ApiSecurity.ADMIN_ROLE));
        }
        return Optional.empty();
    }

    /** Who a request that passed {@link #check} is, as far as what it may see. */
    static Viewer viewer(HttpServletRequest request, Settings settings) {
        return settings.authentication() == Authentication.OFF ? Viewer.everyone()
                : Viewer.of(request.getUserPrincipal(), request.isUserInRole(ApiSecurity.ADMIN_ROLE),
                        request.getSession(false));
    }
}
