package dev.activitylive.security;

import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries who opened a connection from its handshake to its {@link Session}. Jakarta WebSocket 2.1 gives each
 * handshake its own copy of the user properties and copies them into the session it opens; the value is written on
 * every handshake all the same, so that no handshake could ever see another's.
 */
public class LiveHandshake extends ServerEndpointConfig.Configurator {

    private static final String VIEWER = Viewer.class.getName();

    /** Made once per endpoint class: an {@link Unmanaged} reads the class's injection points when it is made. */
    private final Map<Class<?>, Unmanaged<?>> factories = new ConcurrentHashMap<>();

    /**
     * Each connection's endpoint, made and injected by CDI without a contextual reference kept for it (so nothing
     * is held per connection once it closes). Containers inject an endpoint that names its own configurator
     * differently: Open Liberty 26.0.0.3 does not inject it at all (CWOWB1006E), and left the connection silent.
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        @SuppressWarnings("unchecked") // each class's own Unmanaged
        Unmanaged<T> factory = (Unmanaged<T>) factories.computeIfAbsent(endpointClass, Unmanaged::new);
        return factory.newInstance().produce().inject().postConstruct().get();
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Principal caller = request.getUserPrincipal();
        Optional<Viewer> viewer = caller == null ? Optional.empty() : Optional.of(
                Viewer.of(caller, request.isUserInRole(ApiSecurity.ADMIN_ROLE), request.getHttpSession()));
        config.getUserProperties().put(VIEWER, viewer);
    }

    /** Who authenticated the handshake of {@code session}; empty for nobody. */
    @SuppressWarnings("unchecked")
    public static Optional<Viewer> caller(Session session) {
        return session.getUserProperties().get(VIEWER) instanceof Optional<?> viewer
                ? (Optional<Viewer>) viewer : Optional.empty();
    }
}
