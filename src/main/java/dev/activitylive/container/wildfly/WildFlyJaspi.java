package dev.activitylive.container.wildfly;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * WildFly's "integrated JASPI" (checked on WildFly 39.0.1.Final): when on, Elytron takes each caller that a Jakarta
 * Security mechanism logs in and looks it up once more in its own security domain; the callers of activity-live's
 * identity stores are not there, and every request that logs one in is answered 500 (ELY01177 "Authorization
 * failed"). Read from WildFly's management model, which its JMX subsystem publishes in the platform MBean server.
 * While WildFly boots (a WAR in its deployments directory is deployed then) the subsystems are not in that model yet,
 * and a read of one logs an ERROR: so a booting server is asked again later.
 */
public final class WildFlyJaspi {

    /** The application security domain a WAR without a jboss-web.xml of its own gets. */
    private static final String DOMAIN = "other";
    static final String TURN_OFF = "/subsystem=undertow/application-security-domain=" + DOMAIN
            + ":write-attribute(name=integrated-jaspi,value=false)";

    private WildFlyJaspi() {
    }

    /** Whether WildFly is still booting: its subsystems cannot be read yet. False where that cannot be read. */
    public static boolean booting() {
        try {
            Object state = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("jboss.as:management-root=server"), "serverState");
            return "starting".equals(state);
        } catch (JMException | RuntimeException unreadable) {
            return false;
        }
    }

    /** What to tell the operator when integrated JASPI is on; empty when it is off or cannot be read. */
    public static Optional<String> problem() {
        return integrated().filter(on -> on).map(on -> "WildFly's integrated JASPI is on, so every request that logs "
                + "a caller in (a publisher, an admin, a viewer) will be answered 500 (ELY01177). Turn it off with the "
                + "management CLI: " + TURN_OFF + ", then reload (server-config/wildfly/configure.cli, "
                + "docs/servers.md)");
    }

    /** Whether integrated JASPI is on for the default domain; empty where that cannot be read (not WildFly). */
    static Optional<Boolean> integrated() {
        try {
            ObjectName domain = new ObjectName("jboss.as:subsystem=undertow,application-security-domain=" + DOMAIN);
            Object value = ManagementFactory.getPlatformMBeanServer().getAttribute(domain, "integratedJaspi");
            return value instanceof Boolean on ? Optional.of(on) : Optional.empty();
        } catch (JMException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
