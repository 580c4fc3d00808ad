package dev.activitylive.standalone;

import dev.activitylive.security.ApiSecurity;
import java.util.Locale;

/**
 * A development user, its role, and the MicroProfile Config key of its password ({@code activity.publisher.password}
 * ⇄ env {@code ACTIVITY_PUBLISHER_PASSWORD}; {@code activity.viewer.alice.password} ⇄
 * {@code ACTIVITY_VIEWER_ALICE_PASSWORD}). Apart from the settings of {@code config} because a password is a secret:
 * never echoed back, not even in an error message.
 */
public record DevelopmentUser(String user, String role, String passwordKey) {

    public static final DevelopmentUser PUBLISHER =
            new DevelopmentUser("publisher", ApiSecurity.PUBLISHER_ROLE, "activity.publisher.password");
    public static final DevelopmentUser ADMIN =
            new DevelopmentUser("admin", ApiSecurity.ADMIN_ROLE, "activity.admin.password");

    /** A viewer named in {@code activity.viewers}: may connect when authentication is on, sees events about itself. */
    public static DevelopmentUser viewer(String name) {
        return new DevelopmentUser(name, ApiSecurity.VIEWER_ROLE, "activity.viewer." + name + ".password");
    }

    /** The environment variable MicroProfile Config reads the password from. */
    public String environmentVariable() {
        return passwordKey.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
