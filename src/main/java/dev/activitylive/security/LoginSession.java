package dev.activitylive.security;

import jakarta.servlet.http.HttpSession;

/**
 * The HTTP session a WebSocket was opened with. It ends when the user logs out (invalidated) or when no request has
 * used it for its timeout; Payara notices the latter only at its next session sweep, so the idle reaper asks here.
 */
public final class LoginSession {

    private final HttpSession session;
    private final String id;

    public LoginSession(HttpSession session) {
        this.session = session;
        this.id = session.getId();
    }

    /** The session id: compared, never logged (it is the credential). */
    public String id() {
        return id;
    }

    public boolean ended() {
        try {
            long idleMillis = System.currentTimeMillis() - session.getLastAccessedTime();
            int timeoutSeconds = session.getMaxInactiveInterval();
            return timeoutSeconds > 0 && idleMillis > timeoutSeconds * 1000L;
        } catch (IllegalStateException invalidated) {
            return true;
        }
    }

    @Override
    public String toString() {
        return "LoginSession"; // never the id
    }
}
