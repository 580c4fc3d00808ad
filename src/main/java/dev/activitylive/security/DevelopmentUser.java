package dev.activitylive.security;

import java.util.Locale;

/**
 * The development users, their roles, and the MicroProfile Config keys of their passwords
 * ({@code activity.publisher.password} ⇄ env {@code ACTIVITY_PUBLISHER_PASSWORD}). Apart from the numeric settings
 * of {@code config} because a password is a secret: never echoed back, not even in an error message.
 */
public enum DevelopmentUser {
    PUBLISHER(ApiSecurity.PUBLISHER_ROLE),
    ADMIN(ApiSecurity.ADMIN_ROLE);

    private final String role;

    DevelopmentUser(String role) {
        this.role = role;
    }

    /** The user name: {@code publisher}, {@code admin}. */
    public String user() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String role() {
        return role;
    }

    public String passwordKey() {
        return "activity." + user() + ".password";
    }

    public String environmentVariable() {
        return "ACTIVITY_" + name() + "_PASSWORD";
    }
}
