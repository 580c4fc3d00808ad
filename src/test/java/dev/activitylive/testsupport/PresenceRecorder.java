package dev.activitylive.testsupport;

import dev.activitylive.event.ClientConnected;
import dev.activitylive.event.ClientDisconnected;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only, deployed into the test WAR: observes who comes and goes as an application would, synchronously and
 * asynchronously, and keeps a line per notification for {@link DiagnosticsResource}. One more observer fails on
 * purpose for a client subscribed to {@code session_event} alone, after the recording one has run.
 */
@ApplicationScoped
public class PresenceRecorder {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    void connected(@Observes @Priority(1) ClientConnected client) {
        seen.add(String.join(" ", "connected", client.clientId(), String.valueOf(client.user()), client.transport(),
                new TreeSet<>(client.types()).toString(), Thread.currentThread().getName()));
    }

    void disconnected(@Observes @Priority(1) ClientDisconnected client) {
        seen.add(String.join(" ", "disconnected", client.clientId(), String.valueOf(client.user()),
                client.transport(), new TreeSet<>(client.types()).toString(), Thread.currentThread().getName()));
    }

    void connectedAsync(@ObservesAsync ClientConnected client) {
        seen.add("async-connected " + client.clientId());
    }

    void failing(@Observes @Priority(100) ClientConnected client) {
        if (client.types().equals(java.util.Set.of("session_event"))) {
            throw new IllegalStateException("an observer that fails, on purpose");
        }
    }

    /** A line per notification so far, oldest first. */
    public List<String> seen() {
        return List.copyOf(seen);
    }
}
