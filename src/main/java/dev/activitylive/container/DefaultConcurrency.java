package dev.activitylive.container;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The platform's default concurrency resources, looked up by their standard JNDI names. Neither injection works for
 * a library: on Payara Micro 6.2025.10 {@code @Inject} of these types fails (WELD-001408) and {@code @Resource} is not
 * injected into classes of a jar in {@code WEB-INF/lib} (a deployment error, with or without {@code lookup=}).
 * The names are Jakarta Concurrency's, so the lookup is portable.
 */
public final class DefaultConcurrency {

    private DefaultConcurrency() {
    }

    /** {@code java:comp/DefaultManagedScheduledExecutorService}. */
    public static ManagedScheduledExecutorService scheduler() {
        return lookup("java:comp/DefaultManagedScheduledExecutorService", ManagedScheduledExecutorService.class);
    }

    /** {@code java:comp/DefaultManagedThreadFactory}. */
    public static ManagedThreadFactory threadFactory() {
        return lookup("java:comp/DefaultManagedThreadFactory", ManagedThreadFactory.class);
    }

    private static <T> T lookup(String name, Class<T> type) {
        try {
            return type.cast(InitialContext.doLookup(name));
        } catch (NamingException missing) {
            throw new IllegalStateException("the platform has no " + name + ", which activity-live needs", missing);
        }
    }
}
