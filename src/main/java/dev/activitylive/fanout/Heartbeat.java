package dev.activitylive.fanout;

import dev.activitylive.event.ActivityEventJson;
import dev.activitylive.event.ActivityEvents;
import dev.activitylive.transport.Outbound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One heartbeat: a ping frame and a {@code keepalive} event to every client, subscribed or not. */
@ApplicationScoped
public class Heartbeat implements Runnable {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    @Inject
    Clients clients;

    @Override
    public void run() {
        Outbound.Text keepalive = Outbound.Text.of(ActivityEventJson.write(ActivityEvents.heartbeat("keepalive")));
        int count = 0;
        for (LiveClient client : clients.all()) {
            client.send(Outbound.Ping.FRAME);
            client.send(keepalive);
            count++;
        }
        LOG.log(Level.FINER, "Heartbeat sent to {0} clients", count);
    }
}
