package dev.activitylive.security;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;
import java.util.Set;

/** A caller's login, kept in their HTTP session by {@link LoginServlet} and restored on each request from it. */
public record Login(String caller, Set<String> groups) implements Serializable {

    private static final String ATTRIBUTE = Login.class.getName();

    public Login {
        groups = Set.copyOf(groups);
    }

    /** The login kept in {@code session}; empty for no session, an ended one, or a session without a login. */
    public static Optional<Login> of(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            return session.getAttribute(ATTRIBUTE) instanceof Login login ? Optional.of(login) : Optional.empty();
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    void keepIn(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    /** Takes the login out of {@code session}: false if it held none (or had ended). */
    static boolean end(HttpSession session) {
        try {
            boolean held = session.getAttribute(ATTRIBUTE) instanceof Login;
            session.removeAttribute(ATTRIBUTE);
            return held;
        } catch (IllegalStateException invalidated) {
            return false;
        }
    }
}
