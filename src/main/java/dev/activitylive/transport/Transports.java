package dev.activitylive.transport;

import dev.activitylive.config.SendPath;
import dev.activitylive.config.Settings;
import dev.activitylive.container.GuardedConnection;
import dev.activitylive.container.RawFrames;
import dev.activitylive.container.UndertowFrames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.websocket.Session;
import java.util.Optional;

/**
 * Chooses each connection's {@link Transport}: when the setting allows it, the server's own way to write several
 * frames at once where there is one (Tyrus's raw frames on Payara, Undertow's channel batches on WildFly; looked up
 * once, at deployment, through the WebSocket container's class loader), else the portable path.
 */
@ApplicationScoped
public class Transports {

    @Inject
    Settings settings;

    private volatile Optional<RawFrames> rawFrames = Optional.empty();
    private volatile Optional<UndertowFrames> channelBatches = Optional.empty();

    /**
     * Looks for raw frames through the WebSocket container of {@code context}, once, at deployment. Handed the
     * context rather than injected: {@code @Inject ServletContext} fails in a library jar on Payara 6 (WELD-000713).
     */
    public void detect(ServletContext context) {
        if (settings.sendPath() == SendPath.PORTABLE) {
            return;
        }
        ClassLoader containerLoader = RawFrames.containerLoader(context);
        rawFrames = RawFrames.detect(containerLoader);
        if (rawFrames.isEmpty()) {
            channelBatches = UndertowFrames.detect(containerLoader);
        }
    }

    /** What new connections get, for the deployment log. */
    public String describe() {
        String fast = rawFrames.isPresent() ? RawFrameTransport.NAME
                : channelBatches.isPresent() ? ChannelBatchTransport.NAME : null;
        return fast == null ? PortableTransport.NAME
                : fast + " (portable where a connection negotiated an extension)";
    }

    public Transport forSession(Session session, Optional<GuardedConnection> guarded) {
        return rawFrames.flatMap(raw -> raw.webSocketOf(session)
                        .<Transport>map(webSocket -> new RawFrameTransport(session, webSocket, raw, guarded)))
                .or(() -> channelBatches.flatMap(batches -> batches.channelOf(session)
                        .map(channel -> new ChannelBatchTransport(session, channel, batches))))
                .orElseGet(() -> new PortableTransport(session.getAsyncRemote(), ReadSide.of(guarded, null)));
    }
}
