package dev.activitylive.transport;

import dev.activitylive.config.SendPath;
import dev.activitylive.config.Settings;
import dev.activitylive.container.GuardedConnection;
import dev.activitylive.container.RawFrames;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.websocket.Session;
import java.util.Optional;

/**
 * Chooses each connection's {@link Transport}: raw frames when the setting allows them and the container supports
 * them (looked up once, at deployment, through the WebSocket container's class loader), else the portable path.
 */
@ApplicationScoped
public class Transports {

    @Inject
    Settings settings;

    @Inject
    ServletContext servletContext;

    private Optional<RawFrames> rawFrames = Optional.empty();

    @PostConstruct
    void detect() {
        if (settings.sendPath() == SendPath.PORTABLE) {
            return;
        }
        rawFrames = RawFrames.detect(RawFrames.containerLoader(servletContext));
    }

    /** What new connections get, for the deployment log. */
    public String describe() {
        return rawFrames.isPresent() ? RawFrameTransport.NAME + " (portable where a connection negotiated an extension)"
                : PortableTransport.NAME;
    }

    public Transport forSession(Session session, Optional<GuardedConnection> guarded) {
        return rawFrames.flatMap(raw -> raw.webSocketOf(session)
                        .<Transport>map(webSocket -> new RawFrameTransport(session, webSocket, raw, guarded)))
                .orElseGet(() -> new PortableTransport(session.getAsyncRemote(), ReadSide.of(guarded, null)));
    }
}
