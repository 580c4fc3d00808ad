package dev.activitylive.testsupport;

import dev.activitylive.live.Writers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.ObjectName;

/** Test-only, deployed into the test WAR: what the churn test reads inside the server. */
@Path("test/diagnostics")
@RequestScoped
public class DiagnosticsResource {

    @Inject
    Writers writers;

    /** Heap in use after full collections (the tests' Payara runs Serial GC: System.gc() is a full collection). */
    @GET
    @Path("heap-after-gc")
    public String heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return Long.toString(used);
    }

    /**
     * How many objects of each class named in {@code classes} (comma-separated) are alive after a full GC, read from
     * the JVM's class histogram (the diagnostic command behind {@code jcmd GC.class_histogram}).
     */
    @GET
    @Path("live-instances")
    public String liveInstances(@QueryParam("classes") String classes) throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> counts = new TreeMap<>();
        for (String name : classes.split(",")) {
            counts.put(name, 0L);
        }
        // Lines read "  12:   345   6789  the.class.Name (module)": rank, instances, bytes, class.
        for (String line : histogram.lines().toList()) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && counts.containsKey(columns[3])) {
                counts.put(columns[3], Long.parseLong(columns[1]));
            }
        }
        return counts.toString();
    }

    /** The stacks of the threads from the default managed thread factory, where the writers run: what one is doing. */
    @GET
    @Path("writer-stacks")
    public String writerStacks() {
        StringBuilder stacks = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            if (thread.getName().startsWith("concurrent/__defaultManagedThreadFactory")) {
                stacks.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (StackTraceElement frame : frames) {
                    stacks.append("    at ").append(frame).append('\n');
                }
            }
        });
        return stacks.toString();
    }

    /** Outbox drains queued or running on the writer threads. */
    @GET
    @Path("pending-drains")
    public String pendingDrains() {
        return Integer.toString(writers.pending());
    }
}
