package dev.activitylive.container;

import jakarta.servlet.ServletContext;
import java.util.Locale;

/**
 * Which server the WAR runs on, from {@link ServletContext#getServerInfo()}: what start-up checks and messages go by
 * (clustering needs Payara's Hazelcast; WildFly needs one setting changed). Never used to pick a code path: those
 * are found by trying the container's classes (see {@code servers.ThisServer}).
 */
public enum ServerKind {
    PAYARA("Payara"),
    WILDFLY("WildFly"),
    OPEN_LIBERTY("Open Liberty"),
    OTHER("this server");

    private final String product;

    ServerKind(String product) {
        this.product = product;
    }

    public static ServerKind of(ServletContext context) {
        String info = String.valueOf(context.getServerInfo()).toLowerCase(Locale.ROOT);
        if (info.contains("payara")) {
            return PAYARA;
        }
        if (info.contains("wildfly") || info.contains("jboss") || info.contains("undertow")) {
            return WILDFLY;
        }
        if (info.contains("liberty")) {
            return OPEN_LIBERTY;
        }
        return OTHER;
    }

    /** Whether the server runs a Hazelcast member that a cluster can share (Payara's). */
    public boolean runsHazelcast() {
        return this == PAYARA;
    }

    /** The server's name, for messages. */
    public String product() {
        return product;
    }
}
