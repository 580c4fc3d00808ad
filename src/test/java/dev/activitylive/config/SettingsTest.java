package dev.activitylive.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings: the protocol's defaults, and a bad value refused with its key named, never replaced by a default. */
class SettingsTest {

    @Test
    void defaultsAreTheOriginalHandlers() {
        Settings defaults = read(Map.of());
        assertEquals(Duration.ofMillis(30_000), defaults.heartbeatInterval());
        assertEquals(Duration.ofMillis(120_000), defaults.clientTimeout());
        assertEquals(Duration.ofMillis(60_000), defaults.idleCheckInterval());
        assertEquals(100, defaults.maxClients());
    }

    @Test
    void valuesAreReadByKey() {
        Settings settings = read(Map.of("activity.live.heartbeat-interval-ms", "500",
                "activity.live.client-timeout-ms", " 2000 ", "activity.live.max-clients", "7",
                "activity.live.publish.max-events", "3"));
        assertEquals(Duration.ofMillis(500), settings.heartbeatInterval());
        assertEquals(Duration.ofMillis(1000), settings.idleCheckInterval());
        assertEquals(7, settings.maxClients());
        assertEquals(3, settings.publishMaxEvents());
    }

    @Test
    void badValuesStopWithEveryOffendingKeyNamed() {
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class,
                () -> read(Map.of("activity.live.max-clients", "-1", "activity.live.heartbeat-interval-ms", "30s",
                        "activity.live.client-timeout-ms", "99999999999", "activity.live.client-queue-max-bytes", "0")));
        assertEquals("activity-live cannot start, invalid settings: "
                + "activity.live.heartbeat-interval-ms='30s' (env ACTIVITY_LIVE_HEARTBEAT_INTERVAL_MS) must be a "
                + "whole number from 1 to 2147483647; "
                + "activity.live.client-timeout-ms='99999999999' (env ACTIVITY_LIVE_CLIENT_TIMEOUT_MS) must be a "
                + "whole number from 2 to 2147483647; "
                + "activity.live.max-clients='-1' (env ACTIVITY_LIVE_MAX_CLIENTS) must be a whole number from 1 to "
                + "2147483647; "
                + "activity.live.client-queue-max-bytes='0' (env ACTIVITY_LIVE_CLIENT_QUEUE_MAX_BYTES) must be a "
                + "whole number from 1 to 2147483647", refused.getMessage());
    }

    @Test
    void theSendPathIsAutoUnlessSetToPortableAndNothingElseIsAccepted() {
        assertEquals(SendPath.AUTO, read(Map.of()).sendPath());
        assertEquals(SendPath.PORTABLE, read(Map.of("activity.live.send-path", "portable")).sendPath());
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class,
                () -> read(Map.of("activity.live.send-path", "fast")));
        assertEquals("activity-live cannot start, invalid settings: activity.live.send-path='fast' "
                + "(env ACTIVITY_LIVE_SEND_PATH) must be one of auto, portable", refused.getMessage());
    }

    @Test
    void theSlowClientPolicyIsCloseUnlessSetToDropOldest() {
        assertEquals(SlowClientPolicy.CLOSE, read(Map.of()).slowClientPolicy());
        assertEquals(SlowClientPolicy.DROP_OLDEST,
                read(Map.of("activity.live.slow-client-policy", "drop-oldest")).slowClientPolicy());
        assertThrows(InvalidSettingsException.class, () -> read(Map.of("activity.live.slow-client-policy", "ignore")));
    }

    @Test
    void conflationIsOnUnlessSwitchedOff() {
        assertEquals(Conflation.ON, read(Map.of()).conflation());
        assertEquals(Conflation.OFF, read(Map.of("activity.live.conflation", "off")).conflation());
        assertThrows(InvalidSettingsException.class, () -> read(Map.of("activity.live.conflation", "maybe")));
    }

    @Test
    void securityDefaultsKeepTheOriginalProtocolButRefuseOtherSites() {
        Settings defaults = read(Map.of());
        assertEquals(Authentication.OFF, defaults.authentication());
        assertEquals(java.util.Set.of(), defaults.allowedOrigins().listed());
        assertEquals(4_096, defaults.clientMessageMaxBytes());
        assertEquals(20, defaults.clientMessagesPerSecond());
        assertEquals(Duration.ofMinutes(30), defaults.loginTimeout());
    }

    @Test
    void securitySettingsAreReadAndCheckedByKey() {
        Settings settings = read(Map.of("activity.live.authentication", "required",
                "activity.live.allowed-origins", "https://a.example, http://b.example:3000",
                "activity.live.client-message-max-bytes", "64"));
        assertEquals(Authentication.REQUIRED, settings.authentication());
        assertEquals(java.util.Set.of("https://a.example", "http://b.example:3000"),
                settings.allowedOrigins().listed());
        assertEquals(64, settings.clientMessageMaxBytes());
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class,
                () -> read(Map.of("activity.live.allowed-origins", "https://a.example/path",
                        "activity.live.authentication", "yes", "activity.live.client-message-max-bytes", "63")));
        assertEquals("activity-live cannot start, invalid settings: "
                + "activity.live.allowed-origins='https://a.example/path' (env ACTIVITY_LIVE_ALLOWED_ORIGINS) must be "
                + "a comma-separated list of origins such as https://dashboard.example.com:8443; "
                + "activity.live.authentication='yes' (env ACTIVITY_LIVE_AUTHENTICATION) must be one of off, required; "
                + "activity.live.client-message-max-bytes='63' (env ACTIVITY_LIVE_CLIENT_MESSAGE_MAX_BYTES) must be a "
                + "whole number from 64 to 2147483647", refused.getMessage());
    }

    @Test
    void environmentVariablesFollowMicroProfileConfig() {
        assertEquals("ACTIVITY_LIVE_HEARTBEAT_INTERVAL_MS", Setting.HEARTBEAT_INTERVAL_MS.environmentVariable());
        assertEquals("ACTIVITY_LIVE_PUBLISH_MAX_BYTES", Setting.PUBLISH_MAX_BYTES.environmentVariable());
    }

    private static Settings read(Map<String, String> values) {
        return Settings.read(key -> Optional.ofNullable(values.get(key)));
    }
}
