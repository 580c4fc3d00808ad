package dev.activitylive.config;

/** Whether WebSocket clients must be authenticated: the value of {@link Setting#AUTHENTICATION}. */
public enum Authentication implements WordValue {
    /** As in the original protocol: anyone whose Origin is allowed may connect, and sees every event. */
    OFF("off"),
    /** The handshake must carry a login (HTTP session cookie or Basic credentials); events are scoped per user. */
    REQUIRED("required");

    private final String word;

    Authentication(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }
}
