package dev.activitylive.transport;

import dev.activitylive.config.SendPath;
import dev.activitylive.config.Settings;
import dev.activitylive.container.FrameWriter;
import dev.activitylive.container.GuardedConnection;
import dev.activitylive.container.ReadLock;
import dev.activitylive.container.servers.ThisServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.websocket.Session;
import java.util.Optional;

/**
 * Chooses each connection's {@link Transport}: when the setting allows it, the server's own way to write several
 * frames of a connection at once where it has one ({@link FrameWriter}: {@code raw-frames} on Payara,
 * {@code channel-batches} on WildFly, {@code channel-writes} on Open Liberty; looked up once, at deployment), else
 * the portable path.
 */
@ApplicationScoped
public class Transports {

    @Inject
    Settings settings;

    private volatile Optional<FrameWriter> frameWriter = Optional.empty();

    /**
     * Looks for the server's frame writer, once, at deployment. Handed the context rather than injected:
     * {@code @Inject ServletContext} fails in a library jar on Payara 6 (WELD-000713).
     */
    public void detect(ServletContext context) {
        if (settings.sendPath() == SendPath.PORTABLE) {
            return;
        }
        frameWriter = ThisServer.frameWriter(context);
    }

    /** What new connections get, for the deployment log. */
    public String describe() {
        return frameWriter.map(writer -> writer.name() + " (portable where a connection negotiated an extension)")
                .orElse(PortableTransport.NAME);
    }

    public Transport forSession(Session session, Optional<GuardedConnection> guarded) {
        return frameWriter.flatMap(writer -> writer.connectionOf(session)
                        .<Transport>map(connection -> new BatchedTransport(session, writer, connection, guarded)))
                .orElseGet(() -> new PortableTransport(session.getAsyncRemote(), ReadSide.of(guarded, ReadLock.NONE)));
    }
}
