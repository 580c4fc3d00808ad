package dev.activitylive.http;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The authority a request was sent to, as the {@code Host} header writes it, for comparing with a page's
 * {@code Origin}. A request over HTTP/2 has no {@code Host} header but an {@code :authority}, which Open Liberty
 * 26.0.0.3 does not show as one (Java's HTTP client upgrades to HTTP/2 there): then the server name and port the
 * container read from it, the port left out where it is the scheme's default, as browsers write an origin.
 */
public final class RequestHost {

    private RequestHost() {
    }

    public static String of(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host != null) {
            return host;
        }
        int port = request.getServerPort();
        boolean defaultPort = port == ("https".equalsIgnoreCase(request.getScheme()) ? 443 : 80);
        return defaultPort || port <= 0 ? request.getServerName() : request.getServerName() + ":" + port;
    }
}
