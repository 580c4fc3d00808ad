package dev.activitylive.fanout;

import dev.activitylive.config.Settings;
import dev.activitylive.wire.CloseReasons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One cleanup pass: closes, with 1000, every client not heard from (message or pong) for the client timeout, and,
 * with 1008, every client whose login timed out (a logout closes its clients at once, see {@link Clients}).
 */
@ApplicationScoped
public class IdleReaper implements Runnable {

    private static final Logger LOG = Logger.getLogger(IdleReaper.class.getName());

    @Inject
    Clients clients;

    @Inject
    Settings settings;

    @Override
    public void run() {
        long timeoutNanos = settings.clientTimeout().toNanos();
        long now = System.nanoTime();
        for (LiveClient client : clients.all()) {
            if (client.idleLongerThan(timeoutNanos, now)) {
                LOG.log(Level.FINE, "Client {0} idle, closing", client.id());
                clients.drop(client, CloseReasons.IDLE);
            } else if (client.loginEnded()) {
                LOG.log(Level.FINE, "Client {0}: login ended, closing", client.id());
                clients.drop(client, CloseReasons.LOGIN_ENDED);
            }
        }
    }
}
