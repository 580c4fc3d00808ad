package dev.activitylive.event;

import java.util.Set;

/**
 * A client began to receive the stream: a CDI event any bean of the application may observe ({@code @Observes} or
 * {@code @ObservesAsync}). Observers run on a thread of activity-live's own, never the client's, one notification at
 * a time in the order clients came and went; what an observer does or throws never reaches the connection.
 *
 * @param clientId  the id the client was told in {@code connection_established}
 * @param user      the login it connected with; null without authentication
 * @param transport {@code websocket} or {@code event-stream}
 * @param types     the wire names of the types it subscribed to when it connected; empty: every type
 */
public record ClientConnected(String clientId, String user, String transport, Set<String> types) {

    public ClientConnected {
        types = Set.copyOf(types);
    }
}
