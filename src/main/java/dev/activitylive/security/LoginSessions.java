package dev.activitylive.security;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Announces {@link LoginEnded} when an HTTP session holding a login is logged out or expires. */
@WebListener
public class LoginSessions implements HttpSessionListener {

    private static final Logger LOG = Logger.getLogger(LoginSessions.class.getName());

    @Inject
    Event<LoginEnded> loginEnded;

    @Override
    public void sessionDestroyed(HttpSessionEvent destroyed) {
        if (Login.of(destroyed.getSession()).isEmpty()) {
            return;
        }
        try {
            loginEnded.fire(new LoginEnded(destroyed.getSession().getId()));
        } catch (RuntimeException undeploying) {
            // Sessions are also destroyed while the application stops, when its clients are being closed anyway.
            LOG.log(Level.FINE, "Could not announce an ended login: {0}", undeploying.toString());
        }
    }
}
