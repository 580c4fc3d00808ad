package dev.activitylive.container.payara;

import dev.activitylive.wire.InboundGuard;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the servlet container upgrades a guarded handshake to: it gives the WebSocket container's own handler the
 * connection as a {@link GuardedWebConnection}, and makes that connection known to the endpoint while the handler opens
 * the WebSocket session (on this thread, so {@link GuardedWebConnection#opening()} finds it).
 */
public final class GuardedUpgradeHandler implements HttpUpgradeHandler {

    private static final Logger LOG = Logger.getLogger(GuardedUpgradeHandler.class.getName());

    private HttpUpgradeHandler inner;
    private Supplier<InboundGuard> guards;
    private GuardedWebConnection connection;

    /** Made by the servlet container, which needs a public constructor without arguments. */
    public GuardedUpgradeHandler() {
    }

    /** Made when the connection opens: a handshake whose peer leaves before that leaves no guard behind. */
    void guard(HttpUpgradeHandler inner, Supplier<InboundGuard> guards) {
        this.inner = inner;
        this.guards = guards;
    }

    @Override
    public void init(WebConnection connection) {
        GuardedWebConnection guarded = new GuardedWebConnection(connection, guards.get());
        this.connection = guarded;
        GuardedWebConnection.OPENING.set(guarded);
        try {
            inner.init(guarded);
        } catch (RuntimeException | Error failed) {
            guarded.drop(); // the container may never call destroy() for a connection that did not open
            throw failed;
        } finally {
            GuardedWebConnection.OPENING.remove();
        }
        if (guarded.heldACall()) {
            readWhatCameWithTheHandshake(guarded);
        }
    }

    /** The client's first frames came with its handshake: read them now that the connection is open. */
    private static void readWhatCameWithTheHandshake(GuardedWebConnection guarded) {
        try {
            ReadHandlerLock.ofInput(guarded.containerInput()).call(() -> {
                guarded.opened();
                return null;
            });
        } catch (RuntimeException | Error failed) {
            throw failed;
        } catch (Throwable cannotRead) {
            LOG.log(Level.FINE, "A connection ended while its first frames were read: {0}", cannotRead.toString());
            guarded.drop();
        }
    }

    @Override
    public void destroy() {
        inner.destroy();
        // The container may keep this handler, and the connection's read listener, until it reuses its request
        // object: they then hold nothing of a client.
        if (connection != null) {
            connection.drop();
        }
        inner = null;
        guards = null;
        connection = null;
    }
}
