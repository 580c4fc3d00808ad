package dev.activitylive.event;

import java.util.Set;

/**
 * A client stopped receiving the stream (it left, was closed or the server stops): the counterpart of
 * {@link ClientConnected}, observed and delivered the same way, always after that client's {@code ClientConnected}.
 *
 * @param clientId  the id the client was told in {@code connection_established}
 * @param user      the login it connected with; null without authentication
 * @param transport {@code websocket} or {@code event-stream}
 * @param types     the wire names of the types it was subscribed to when it left; empty: every type
 */
public record ClientDisconnected(String clientId, String user, String transport, Set<String> types) {

    public ClientDisconnected {
        types = Set.copyOf(types);
    }
}
