package dev.activitylive.transport;

import dev.activitylive.config.SendPath;
import dev.activitylive.config.Settings;
import dev.activitylive.container.GuardedConnection;
import dev.activitylive.container.RawFrames;
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

    private volatile Optional<RawFrames> rawFrames = Optional.empty();

    /**
     * Looks for raw frames through the WebSocket container of {@code context}, once, at deployment. Handed the
     * context rather than injected: {@code @Inject ServletContext} fails in a library jar on Payara 6 (WELD-000713).
     */
    public void detect(ServletContext context) {
        if (settings.sendPath() == SendPath.PORTABLE) {
            return;
        }
        rawFrames = RawFrames.detect(RawFrames.containerLoader(context));
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
