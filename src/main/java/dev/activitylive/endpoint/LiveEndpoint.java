package dev.activitylive.endpoint;

import dev.activitylive.container.servers.ThisServer;
import dev.activitylive.fanout.Clients;
import dev.activitylive.fanout.ConnectOptions;
import dev.activitylive.fanout.LiveClient;
import dev.activitylive.fanout.LiveStream;
import dev.activitylive.fanout.Reaction;
import dev.activitylive.http.ApiPaths;
import dev.activitylive.security.LiveHandshake;
import dev.activitylive.wire.CloseReasons;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket boundary: hands each connection's life and messages to {@link Clients} and {@link LiveClient}. The
 * handshake has been checked by {@link HandshakeFilter} before it gets here.
 */
@ServerEndpoint(value = ApiPaths.LIVE, configurator = LiveHandshake.class)
public class LiveEndpoint {

    private static final Logger LOG = Logger.getLogger(LiveEndpoint.class.getName());

    @Inject
    Clients clients;

    @Inject
    LiveStream stream;

    /** This connection's client; the container makes one endpoint instance per connection. Null if refused. */
    private volatile LiveClient client;
    private volatile boolean closed;

    @OnOpen
    public void open(Session session) {
        LiveClient admitted = clients.admit(session, ThisServer.openingConnection());
        if (admitted != null) {
            ConnectOptions options = ConnectOptions.of(session.getRequestParameterMap());
            stream.join(admitted, options);
        }
        client = admitted;
        // A peer gone during the handshake is closed on another thread, maybe before the line above: whichever of
        // open and close comes second sees the other's write and removes the client (removing twice is harmless).
        if (admitted != null && (closed || !session.isOpen())) {
            clients.remove(admitted);
            admitted.discardQueue();
        }
    }

    @OnMessage
    public void text(String message) {
        LiveClient current = client;
        if (current != null) {
            react(current, current.receive(message));
        }
    }

    /** A binary frame holding UTF-8 JSON is read like a text frame, as the original does. */
    @OnMessage
    public void binary(ByteBuffer message) {
        LiveClient current = client;
        if (current != null) {
            react(current, current.receive(message));
        }
    }

    private void react(LiveClient current, Reaction reaction) {
        if (reaction instanceof Reaction.Close close) {
            clients.drop(current, close.reason());
        } else if (reaction instanceof Reaction.Resume resume) {
            stream.resume(current, resume.request());
        }
    }

    @OnMessage
    public void pong(PongMessage pong) {
        LiveClient current = client;
        if (current != null) {
            current.touch();
        }
    }

    @OnClose
    public void closed(CloseReason reason) {
        closed = true;
        LiveClient current = client;
        if (current != null) {
            clients.remove(current);
            current.discardQueue();
        }
    }

    @OnError
    public void failed(Throwable error) {
        LiveClient current = client;
        LOG.log(Level.FINE, "WebSocket error on client {0}: {1}",
                new Object[] {current == null ? "(refused)" : current.id(), error.toString()});
        if (current != null) {
            clients.drop(current, CloseReasons.SEND_FAILED);
        }
    }
}
