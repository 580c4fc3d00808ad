package dev.activitylive.publish;

import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEventJson;
import dev.activitylive.fanout.LiveStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes every {@link ActivityEvent} fired in the application, with {@code fire()} or {@code fireAsync()}, serializes
 * it once and hands it to the {@link LiveStream}, which numbers it, keeps it for resuming clients and queues that one
 * frame for each subscribed client that may see it (its {@code data.userId}). It only queues: the firing thread never
 * waits on a socket, and nothing a client does can make {@code fire()} throw.
 */
@ApplicationScoped
public class Broadcaster {

    private static final Logger LOG = Logger.getLogger(Broadcaster.class.getName());

    @Inject
    LiveStream stream;

    void fired(@Observes ActivityEvent event) {
        broadcast(event);
    }

    void firedAsync(@ObservesAsync ActivityEvent event) {
        broadcast(event);
    }

    /**
     * Streams {@code event}, in the order of calls from one thread; serialized before the stream's lock is taken.
     * Also with nobody connected: a client that reconnects gets it from the history.
     */
    public void broadcast(ActivityEvent event) {
        try {
            stream.publish(event.type(), event.data().userId(), ActivityEventJson.write(event));
        } catch (RuntimeException unexpected) {
            // The producer must not pay for our failure; the event type is all we log, never its contents.
            LOG.log(Level.SEVERE, "Broadcasting a " + event.type().wireName() + " event failed", unexpected);
        }
    }
}
