package com.example.memory;

import dev.activitylive.event.ClientConnected;
import dev.activitylive.event.ClientDisconnected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Who watches the activity stream now, as activity-live tells it: the user of each connected client. */
@ApplicationScoped
public class Watchers {

    private final Map<String, String> userByClient = new ConcurrentHashMap<>();

    void came(@Observes ClientConnected client) {
        userByClient.put(client.clientId(), client.user() == null ? "anonymous" : client.user());
    }

    void went(@Observes ClientDisconnected client) {
        userByClient.remove(client.clientId());
    }

    /** The users watching, one entry per connected client, sorted. */
    public List<String> users() {
        return userByClient.values().stream().sorted().toList();
    }
}
