package dev.activitylive.testsupport.ops;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Test-only operations on the running Payara Micro, from a WAR deployed beside the application under test: deploys
 * and undeploys WARs through Payara Micro's runtime API (by reflection: tests do not compile against Payara), and
 * counts the log records of the application's loggers (JUL loggers are JVM-wide), with the heartbeat's per-tick
 * FINER line switched on. A timer of an undeployed application that still runs leaves records: its tick line, or
 * the error of its failing run.
 */
@Path("apps")
public class OpsResource {

    private static final Logger APPLICATION = Logger.getLogger("dev.activitylive");
    // By name: this WAR does not have the application's classes.
    private static final Logger HEARTBEAT = Logger.getLogger("dev.activitylive.fanout.Heartbeat");
    private static final Logger ROOT = Logger.getLogger("");
    private static final AtomicInteger RECORDS = new AtomicInteger();

    static {
        HEARTBEAT.setLevel(Level.FINER);
        APPLICATION.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                RECORDS.incrementAndGet();
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /** Deploys the WAR in the body as {@code name} at context root {@code /name}; answers the log's warnings. */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    public String deploy(@PathParam("name") String name, InputStream war) throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler collector = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    StringBuilder text = new StringBuilder(new SimpleFormatter().formatMessage(record));
                    for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
                        text.append(" | ").append(cause);
                    }
                    warnings.add(text.toString());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        ROOT.addHandler(collector);
        boolean deployed;
        try {
            Method deploy = runtimeApi().getMethod("deploy", String.class, String.class, InputStream.class);
            deployed = (Boolean) deploy.invoke(runtime(), name, "/" + name, war);
        } finally {
            ROOT.removeHandler(collector);
        }
        JsonArrayBuilder messages = Json.createArrayBuilder();
        warnings.forEach(messages::add);
        return Json.createObjectBuilder().add("deployed", deployed && deployedNames().contains(name))
                .add("warnings", messages).build().toString();
    }

    @DELETE
    @Path("{name}")
    public void undeploy(@PathParam("name") String name) throws Exception {
        runtimeApi().getMethod("undeploy", String.class).invoke(runtime(), name);
    }

    /** How many records the application's loggers have logged so far, over all its deployments. */
    @GET
    @Path("log-records")
    public String logRecords() {
        return String.valueOf(RECORDS.get());
    }

    /**
     * The names of the JVM's live threads made by the default managed thread factory, where the application's
     * writer threads come from. (The managed executors' pooled threads belong to the server and outlive deployments.)
     */
    @GET
    @Path("managed-threads")
    @Produces(MediaType.APPLICATION_JSON)
    public String managedThreads() {
        JsonArrayBuilder names = Json.createArrayBuilder();
        Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("concurrent/__defaultManagedThreadFactory"))
                .sorted()
                .forEach(names::add);
        return names.build().toString();
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> deployedNames() throws Exception {
        return (Collection<String>) runtimeApi().getMethod("getDeployedApplicationNames").invoke(runtime());
    }

    private static Class<?> runtimeApi() throws ClassNotFoundException {
        return Class.forName("fish.payara.micro.PayaraMicroRuntime");
    }

    private static Object runtime() throws Exception {
        Class<?> micro = Class.forName("fish.payara.micro.PayaraMicro");
        Object instance = micro.getMethod("getInstance").invoke(null);
        return micro.getMethod("getRuntime").invoke(instance);
    }
}
