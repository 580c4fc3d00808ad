package dev.activitylive.container.payara;

import dev.activitylive.config.Setting;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the Hazelcast member Payara Micro runs (checked on Payara Micro 6.2025.10 and 7.2025.1, which bind it at the
 * same JNDI name). Typed {@code Object} here, so that this package never loads a Hazelcast class; the cluster casts.
 */
public final class PayaraHazelcast {

    /** Where Payara binds its Hazelcast member. */
    private static final String JNDI_NAME = "payara/Hazelcast";
    public static final String NOT_RUNNING = Setting.CLUSTER.key() + "=on needs Payara's Hazelcast, which is not "
            + "running: start Payara Micro without --nohazelcast, with the cluster flags of server-config/run.sh "
            + "(see docs/cluster.md)";

    private PayaraHazelcast() {
    }

    /** Payara's Hazelcast instance; throws {@link IllegalStateException}, failing the deployment, if there is none. */
    public static Object lookup() {
        Object instance;
        try {
            instance = InitialContext.doLookup(JNDI_NAME);
        } catch (NamingException | RuntimeException missing) {
            throw new IllegalStateException(NOT_RUNNING, missing);
        }
        if (instance == null) {
            throw new IllegalStateException(NOT_RUNNING);
        }
        return instance;
    }
}
