package dev.activitylive.container.payara;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes Payara Micro's HTTP listener, so that a server going down refuses connections instead of answering them
 * with the container's own pages while its applications undeploy. Payara Micro has no public API for it: this runs
 * its {@code set ...network-listener.http-listener.enabled=false} admin command through the embedded runtime
 * ({@code PayaraMicroImpl.getInstance()}, its private field {@code gf}, {@code GlassFish.getCommandRunner()}).
 * Checked on Payara Micro 6.2025.10 and 7.2025.1; where any of it is missing (another server, Payara Server) it is
 * not available, and a stopping server answers 503 until its container takes over.
 */
public final class PayaraMicroListener {

    private static final Logger LOG = Logger.getLogger(PayaraMicroListener.class.getName());
    private static final String MICRO = "fish.payara.micro.impl.PayaraMicroImpl";
    private static final String DISABLE = "configs.config.server-config.network-config.network-listeners"
            + ".network-listener.http-listener.enabled=false";

    private final Object commandRunner;
    private final Method run;

    private PayaraMicroListener(Object commandRunner, Method run) {
        this.commandRunner = commandRunner;
        this.run = run;
    }

    /** The listener's switch, looked up through {@code containerLoader}; empty where this is not Payara Micro. */
    public static Optional<PayaraMicroListener> find(ClassLoader containerLoader) {
        try {
            Class<?> micro = Class.forName(MICRO, false, containerLoader);
            Object instance = micro.getMethod("getInstance").invoke(null);
            Field field = micro.getDeclaredField("gf");
            field.setAccessible(true);
            Object glassFish = field.get(instance);
            if (glassFish == null) {
                return Optional.empty();
            }
            Object runner = glassFish.getClass().getMethod("getCommandRunner").invoke(glassFish);
            Method run = runner.getClass().getMethod("run", String.class, String[].class);
            run.setAccessible(true);
            return Optional.of(new PayaraMicroListener(runner, run));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notPayaraMicro) {
            LOG.log(Level.FINE, "Payara Micro's listener cannot be closed from here: {0}", notPayaraMicro.toString());
            return Optional.empty();
        }
    }

    /** Stops accepting connections (and ends those still open); true if the command ran. */
    public boolean close() {
        try {
            Object result = run.invoke(commandRunner, "set", new String[] {DISABLE});
            LOG.log(Level.FINE, "HTTP listener closed: {0}", result);
            return true;
        } catch (ReflectiveOperationException | RuntimeException failed) {
            LOG.log(Level.INFO, "Could not close the HTTP listener: {0}", failed.toString());
            return false;
        }
    }
}
