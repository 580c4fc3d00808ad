package dev.activitylive.security;

import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Optional;

/**
 * Who is on the other end of a WebSocket, as far as what they may see: a user sees the events about them and the
 * events about nobody; an {@code activity-admin}, and everyone while authentication is off, sees all of them.
 *
 * @param name the caller's name, which events name in {@code data.userId}; null for {@link #everyone()}
 * @param login the HTTP session login the connection was opened with, whose end closes it; empty for Basic
 *              credentials (checked once, at the handshake) and for anonymous viewers
 */
public record Viewer(String name, boolean seesEveryone, Optional<LoginSession> login) {

    private static final Viewer EVERYONE = new Viewer(null, true, Optional.empty());

    /** An unauthenticated viewer where authentication is off: sees every event, as in the original protocol. */
    public static Viewer everyone() {
        return EVERYONE;
    }

    /**
     * The viewer a handshake authenticated as {@code caller}: an admin sees everyone; a login restored from
     * {@code httpSession} (the handshake's, or null) ends the connection when it ends.
     */
    public static Viewer of(Principal caller, boolean admin, Object httpSession) {
        Optional<LoginSession> login = httpSession instanceof HttpSession session
                && Login.of(session).filter(kept -> kept.caller().equals(caller.getName())).isPresent()
                ? Optional.of(new LoginSession(session)) : Optional.empty();
        return new Viewer(caller.getName(), admin, login);
    }

    /** Whether an event about {@code userId} (null: about nobody) is for this viewer. */
    public boolean maySee(String userId) {
        return userId == null || seesEveryone || userId.equals(name);
    }

    /** Whether the login this connection was opened with has been logged out or has expired. */
    public boolean loginEnded() {
        return login.map(LoginSession::ended).orElse(false);
    }
}
