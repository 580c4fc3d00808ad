package dev.activitylive.config;

/** Whether WebSocket clients must be authenticated: the value of {@link Setting#AUTHENTICATION}. */
public enum Authentication implements WordValue {
    /** As in the original protocol: anyone whose Origin is allowed may connect, and sees every event. */
    OFF,
    /** The handshake must carry a login (HTTP session cookie or Basic credentials); events are scoped per user. */
    REQUIRED;
}
