package dev.activitylive.stream;

import java.time.Duration;
import java.util.Optional;

/**
 * The seam between "an event was published" and "the stream has it": every producer publishes here, and every
 * consumer reads the stream's output through the {@link StreamSink} it was started with, numbered and in one order,
 * the same way whether this instance is alone ({@link MemoryBroker}) or one of a cluster (the cluster's ring buffer).
 */
public interface Broker {

    /** Starts the stream: from now on every event, wherever it was published, reaches {@code sink}. */
    void start(StreamSink sink);

    /** Stops: what was published here before is still handed on; nothing reaches the sink after. */
    void stop();

    /**
     * Publishes {@code entry}, after everything published here before it; returns its ticket, which increases with
     * every publish here. Never waits on a client. Throws {@link IllegalStateException} if it cannot be taken.
     */
    long publish(StreamEntry entry);

    /**
     * Waits until the stream holds the entries published here with tickets {@code first} to {@code last}; false if
     * one of them was lost or they were not held within {@code timeout}. Alone they are held once published.
     */
    boolean awaitHeld(long first, long last, Duration timeout) throws InterruptedException;

    /** How many instances share the stream (1 alone). */
    default int instances() {
        return 1;
    }

    /** This instance's address among them, {@code host:port}; empty alone. */
    default Optional<String> member() {
        return Optional.empty();
    }

    /** Whether this instance speaks for the stream (it is alone, or the cluster's oldest member). */
    default boolean leads() {
        return true;
    }

    /** Entries published here that the stream does not hold yet (0 alone). */
    default long unsent() {
        return 0;
    }

    /** False if a thread the stream needs has died (never expected: they catch everything). */
    default boolean alive() {
        return true;
    }
}
