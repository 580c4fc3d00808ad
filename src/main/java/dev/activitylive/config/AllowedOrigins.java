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
 * {@link Setting#ALLOWED_ORIGINS}. Loopback names of one port count as one host ({@code http://localhost:8080} may
 * connect to {@code 127.0.0.1:8080}): only this machine can serve either. Everything else, {@code null} origins of
 * sandboxed pages included, is refused.
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
        String page = URI.create(origin).getRawAuthority().toLowerCase(Locale.ROOT);
        String server = host.trim().toLowerCase(Locale.ROOT);
        return page.equals(server)
                || (port(page).equals(port(server)) && isLoopback(name(page)) && isLoopback(name(server)));
    }

    /** The port of an authority as written ({@code 127.0.0.1:8080} → {@code 8080}; none → ""). */
    private static String port(String authority) {
        int colon = authority.lastIndexOf(':');
        return colon > authority.lastIndexOf(']') ? authority.substring(colon + 1) : "";
    }

    private static String name(String authority) {
        String port = port(authority);
        return port.isEmpty() && !authority.endsWith(":") ? authority
                : authority.substring(0, authority.length() - port.length() - 1);
    }

    /** {@code localhost} (and its subdomains, RFC 6761), {@code 127.x.x.x}, {@code [::1]}: names of this machine. */
    private static boolean isLoopback(String name) {
        return name.equals("localhost") || name.endsWith(".localhost") || name.equals("[::1]")
                || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
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
