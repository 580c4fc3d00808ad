package dev.activitylive.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Origin rule: no Origin, the request's own host, or an exact listed origin; nothing else. */
class AllowedOriginsTest {

    private final AllowedOrigins none = AllowedOrigins.parse("").orElseThrow();
    private final AllowedOrigins listed =
            AllowedOrigins.parse(" https://Dash.example.com , http://localhost:3000 ").orElseThrow();

    @Test
    void aHandshakeWithoutOriginIsNotFromABrowserPage() {
        assertTrue(none.allow(null, "live.example.com"));
    }

    @Test
    void aPageOfTheServersOwnHostMayConnect() {
        assertTrue(none.allow("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assertTrue(none.allow("https://live.example.com", "LIVE.example.com"), "behind a TLS proxy keeping the Host");
        assertFalse(none.allow("http://127.0.0.1:8081", "127.0.0.1:8080"), "another port is another origin");
        assertFalse(none.allow("http://evil.example", "127.0.0.1:8080"));
        assertFalse(none.allow("http://127.0.0.1:8080", null));
    }

    @Test
    void loopbackNamesOfOnePortAreOneHost() {
        assertTrue(none.allow("http://localhost:8080", "127.0.0.1:8080"), "the URL Payara prints, the address we bind");
        assertTrue(none.allow("http://127.0.0.1:8080", "localhost:8080"));
        assertTrue(none.allow("http://[::1]:8080", "127.0.0.2:8080"));
        assertTrue(none.allow("http://dash.localhost:8080", "127.0.0.1:8080"));
        assertFalse(none.allow("http://localhost:8081", "127.0.0.1:8080"), "another port is another server");
        assertFalse(none.allow("http://localhost", "127.0.0.1:8080"));
        assertFalse(none.allow("http://localhost.evil.example:8080", "127.0.0.1:8080"));
        assertFalse(none.allow("http://127.0.0.1.evil.example:8080", "localhost:8080"));
        assertFalse(none.allow("http://evil.example:8080", "localhost:8080"));
        assertFalse(none.allow("http://localhost:8080", "live.example.com:8080"), "only between loopback names");
    }

    @Test
    void listedOriginsMatchExactlyIgnoringCase() {
        assertEquals(Set.of("https://dash.example.com", "http://localhost:3000"), listed.listed());
        assertTrue(listed.allow("https://dash.example.com", "live.example.com"));
        assertTrue(listed.allow("HTTPS://DASH.EXAMPLE.COM", "live.example.com"));
        assertFalse(listed.allow("http://dash.example.com", "live.example.com"), "the scheme is part of an origin");
        assertFalse(listed.allow("https://dash.example.com.evil.example", "live.example.com"));
        assertFalse(listed.allow("https://sub.dash.example.com", "live.example.com"));
    }

    @Test
    void theNullOriginOfSandboxedPagesAndGarbageAreRefused() {
        assertFalse(none.allow("null", "live.example.com"));
        assertFalse(none.allow("", "live.example.com"));
        assertFalse(none.allow("live.example.com", "live.example.com"));
    }

    @Test
    void anEntryThatIsNotAnOriginIsRefused() {
        assertEquals(Optional.empty(), AllowedOrigins.parse("https://dash.example.com/app"));
        assertEquals(Optional.empty(), AllowedOrigins.parse("*"));
        assertEquals(Optional.empty(), AllowedOrigins.parse("dash.example.com"));
        assertEquals(Optional.empty(), AllowedOrigins.parse("ftp://dash.example.com"));
    }
}
