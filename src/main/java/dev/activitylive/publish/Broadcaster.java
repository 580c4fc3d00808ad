package dev.activitylive.publish;

import dev.activitylive.event.ActivityEvent;
import dev.activitylive.stream.Broker;
import dev.activitylive.stream.StreamEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes every {@link ActivityEvent} fired in the application, with {@code fire()} or {@code fireAsync()}, and publishes
 * it to the stream's {@link Broker}, serialized once. It only queues: the firing thread never waits on a socket, and
 * nothing a client does can make {@code fire()} throw.
 */
@ApplicationScoped
public class Broadcaster {

    private static final Logger LOG = Logger.getLogger(Broadcaster.class.getName());

    @Inject
    Broker broker;

    void fired(@Observes ActivityEvent event) {
        broadcast(event);
    }

    void firedAsync(@ObservesAsync ActivityEvent event) {
        broadcast(event);
    }

    /** Streams {@code event}, in the order of calls from one thread; also with nobody connected (the history has it). */
    private void broadcast(ActivityEvent event) {
        try {
            broker.publish(StreamEntry.of(event));
        } catch (RuntimeException unexpected) {
            // The producer must not pay for our failure; the event type is all we log, never its contents.
            LOG.log(Level.SEVERE, "Broadcasting a " + event.type().wireName() + " event failed", unexpected);
        }
    }
}
