package dev.activitylive.endpoint;

import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What RFC 6455 §4.2.1 requires of an opening handshake, checked before the WebSocket container sees it: a GET of
 * HTTP/1.1 or later, {@code Upgrade} naming {@code websocket}, {@code Connection} naming {@code Upgrade}, a
 * {@code Sec-WebSocket-Key} that is the base64 of 16 bytes, and {@code Sec-WebSocket-Version: 13}. A request that is
 * no handshake at all (no {@code Upgrade}) gets 426 telling how to upgrade; a wrong version 426 with the version we
 * speak (§4.4); anything else malformed 400; another method 405.
 */
final class HandshakeRules {

    /** Why a request is refused: its status, the JSON error's text, and headers the answer carries. */
    record Refusal(int status, String error, Map<String, String> headers) {
    }

    private static final String VERSION = "13";
    private static final int KEY_BYTES = 16;

    private HandshakeRules() {
    }

    /**
     * The refusal of a request with {@code method} and {@code protocol} (as the request line says) whose headers
     * {@code headers} gives by name (every value of the name; empty where absent); empty if it is a handshake.
     */
    static Optional<Refusal> check(String method, String protocol, Function<String, List<String>> headers) {
        if (!"GET".equals(method)) {
            return refuse(405, "a WebSocket handshake is a GET request", Map.of("Allow", "GET"));
        }
        List<String> upgrade = headers.apply("Upgrade");
        if (upgrade.isEmpty()) {
            // RFC 9110 asks a 426 to name the protocol in Upgrade; Grizzly then writes the body without a length,
            // so the connection ends after it to delimit it.
            return refuse(426, "this is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket)",
                    Map.of("Upgrade", "websocket", "Sec-WebSocket-Version", VERSION, "Connection", "close"));
        }
        if (!hasToken(upgrade, "websocket")) {
            return refuse(400, "a WebSocket handshake needs Upgrade: websocket", Map.of());
        }
        if (!laterThanHttp10(protocol)) {
            return refuse(400, "a WebSocket handshake needs HTTP/1.1 or later", Map.of());
        }
        if (!hasToken(headers.apply("Connection"), "upgrade")) {
            return refuse(400, "a WebSocket handshake needs Connection: Upgrade", Map.of());
        }
        List<String> keys = headers.apply("Sec-WebSocket-Key");
        if (keys.size() != 1 || !isKey(keys.get(0))) {
            return refuse(400, "a WebSocket handshake needs one Sec-WebSocket-Key: the base64 of 16 random bytes",
                    Map.of());
        }
        List<String> versions = headers.apply("Sec-WebSocket-Version");
        if (versions.size() != 1 || !VERSION.equals(versions.get(0).trim())) {
            return refuse(426, "this server speaks WebSocket version 13 (Sec-WebSocket-Version: 13)",
                    Map.of("Sec-WebSocket-Version", VERSION));
        }
        return Optional.empty();
    }

    /** The values a servlet request gives for a header, as a list (empty where absent). */
    static List<String> values(Enumeration<String> values) {
        return values == null ? List.of() : Collections.list(values);
    }

    private static Optional<Refusal> refuse(int status, String error, Map<String, String> headers) {
        return Optional.of(new Refusal(status, error, headers));
    }

    private static boolean hasToken(List<String> values, String token) {
        for (String value : values) {
            for (String item : value.split(",")) {
                if (item.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean laterThanHttp10(String protocol) {
        if (protocol == null || !protocol.startsWith("HTTP/")) {
            return false;
        }
        String version = protocol.substring("HTTP/".length());
        int dot = version.indexOf('.');
        try {
            int major = Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
            int minor = dot < 0 ? 0 : Integer.parseInt(version.substring(dot + 1));
            return major > 1 || (major == 1 && minor >= 1);
        } catch (NumberFormatException notAVersion) {
            return false;
        }
    }

    private static boolean isKey(String key) {
        String trimmed = key.trim();
        // 16 bytes are 24 base64 characters, the last two "==" padding.
        if (trimmed.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(trimmed).length == KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
