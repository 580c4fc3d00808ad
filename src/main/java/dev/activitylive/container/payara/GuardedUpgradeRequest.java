package dev.activitylive.container.payara;

import dev.activitylive.wire.InboundGuard;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpUpgradeHandler;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;

/**
 * A handshake request whose upgrade reads the connection through an {@link InboundGuard}. The WebSocket container
 * upgrades with {@link #upgrade} on the request the filters pass it; this answers it with the container's own handler,
 * made here, and upgrades the connection to a {@link GuardedUpgradeHandler} that hands that handler the guarded
 * connection. Only Tyrus's handler (Payara's WebSocket container) is guarded: it reads through whatever connection it
 * is given, while Open Liberty 26.0.0.3's ignores one that is not its own and never opens the session (checked).
 * Any other handler, or one that cannot be made here (no public constructor without arguments), is upgraded as is,
 * unguarded. See {@code docs/architecture.md}.
 */
public final class GuardedUpgradeRequest extends HttpServletRequestWrapper {

    private final Supplier<InboundGuard> guards;

    public GuardedUpgradeRequest(HttpServletRequest request, Supplier<InboundGuard> guards) {
        super(request);
        this.guards = guards;
    }

    static final String TYRUS = "org.glassfish.tyrus.";

    @Override
    public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) throws IOException, ServletException {
        if (!handlerClass.getName().startsWith(TYRUS)) {
            return super.upgrade(handlerClass);
        }
        T inner;
        try {
            inner = handlerClass.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException notHere) {
            return super.upgrade(handlerClass);
        }
        super.upgrade(GuardedUpgradeHandler.class).guard(inner, guards);
        return inner;
    }
}
