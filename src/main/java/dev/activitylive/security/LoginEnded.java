package dev.activitylive.security;

/** CDI event: the login with HTTP session {@code sessionId} was logged out or expired; its WebSockets must close. */
public record LoginEnded(String sessionId) {

    @Override
    public String toString() {
        return "LoginEnded"; // never the id
    }
}
