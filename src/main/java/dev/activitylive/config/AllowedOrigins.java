package dev.activitylive.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser origins may open a WebSocket: a handshake without {@code Origin} (not a browser), one whose Origin
 * names the host it was sent to (the page came from this server), and the exact origins listed in
 * {@link Setting#ALLOWED_ORIGINS}. Everything else, {@code null} origins of sandboxed pages included, is refused.
 */
public record AllowedOrigins(Set<String> listed) {

    public AllowedOrigins {
        listed = Set.copyOf(listed);
    }

    /** Reads a comma-separated list of {@code scheme://host[:port]}; empty if an entry is anything else. */
    static Optional<AllowedOrigins> parse(String text) {
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : text.split(",")) {
            String origin = entry.trim();
            if (origin.isEmpty()) {
                continue;
            }
            if (!isOrigin(origin)) {
                return Optional.empty();
            }
            origins.add(origin.toLowerCase(Locale.ROOT));
        }
        return Optional.of(new AllowedOrigins(origins));
    }

    /** Whether a handshake with {@code origin} (null if absent) sent to {@code host} (its Host header) may proceed. */
    public boolean allow(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String normalized = origin.trim().toLowerCase(Locale.ROOT);
        return listed.contains(normalized) || sameHost(normalized, host);
    }

    // Browsers write an origin without its default port, and so do they the Host header: comparing the authority as
    // written also holds behind a TLS-terminating proxy that keeps the Host (https://h ⇄ Host: h).
    private static boolean sameHost(String origin, String host) {
        if (host == null || !isOrigin(origin)) {
            return false;
        }
        return URI.create(origin).getRawAuthority().equalsIgnoreCase(host.trim());
    }

    private static boolean isOrigin(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }
}
