package dev.activitylive.testsupport;

import dev.activitylive.fanout.Clients;
import dev.activitylive.transport.Writers;
import dev.activitylive.wire.CloseReasons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import javax.management.ObjectName;

/** Test-only, deployed into the test WAR: what the churn test reads inside the server. */
@Path("diagnostics")
@RequestScoped
public class DiagnosticsResource {

    @Inject
    Writers writers;

    @Inject
    Clients clients;

    @Inject
    PresenceRecorder presence;

    /** What {@link PresenceRecorder} has seen, a line per notification. */
    @GET
    @Path("presence")
    public String presence() {
        return String.join("\n", presence.seen());
    }

    /** Closes every client's connection as a failed send does: a dropped connection, which clients come back from. */
    @POST
    @Path("drop-clients")
    public String dropClients() {
        int count = clients.count();
        clients.closeAll(CloseReasons.SEND_FAILED);
        return Integer.toString(count);
    }

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

    /**
     * The stacks of the threads from the default managed thread factory, where the writers run: what one is doing.
     * For a writer that waits for a lock, also the lock's owner and its stack (with the locks it holds): a deadlock
     * inside the container shows both sides.
     */
    @GET
    @Path("writer-stacks")
    public String writerStacks() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder stacks = new StringBuilder();
        for (ThreadInfo writer : threads.dumpAllThreads(true, true)) {
            if (writer.getThreadName().startsWith("concurrent/__defaultManagedThreadFactory")) {
                append(stacks, writer);
                if (writer.getLockOwnerId() >= 0) {
                    ThreadInfo owner = threads.getThreadInfo(new long[] {writer.getLockOwnerId()}, true, true)[0];
                    if (owner != null) {
                        stacks.append("  waiting for ").append(writer.getLockName()).append(", held by:\n");
                        append(stacks, owner);
                    }
                }
            }
        }
        return stacks.toString();
    }

    // ThreadInfo.toString() cuts stacks at 8 frames: the whole stack, with the locks each frame holds.
    private static void append(StringBuilder stacks, ThreadInfo thread) {
        stacks.append(thread.getThreadName()).append(' ').append(thread.getThreadState()).append('\n');
        StackTraceElement[] frames = thread.getStackTrace();
        for (int i = 0; i < frames.length; i++) {
            stacks.append("    at ").append(frames[i]).append('\n');
            for (MonitorInfo monitor : thread.getLockedMonitors()) {
                if (monitor.getLockedStackDepth() == i) {
                    stacks.append("      - locked ").append(monitor).append('\n');
                }
            }
        }
        for (LockInfo synchronizer : thread.getLockedSynchronizers()) {
            stacks.append("    holds ").append(synchronizer).append('\n');
        }
    }

    /** How many threads are in {@code frame} (a {@code Class.method} of their stack) now. */
    @GET
    @Path("threads-in")
    public String threadsIn(@QueryParam("frame") String frame) {
        long count = 0;
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            for (StackTraceElement at : thread.getStackTrace()) {
                if ((at.getClassName() + "." + at.getMethodName()).equals(frame)) {
                    count++;
                    break;
                }
            }
        }
        return Long.toString(count);
    }

    /** Writer threads stuck in the container and replaced (see {@link Writers}). */
    @GET
    @Path("stuck-writers")
    public String stuckWriters() {
        return Integer.toString(writers.stuck());
    }

    /** Outbox drains queued or running on the writer threads. */
    @GET
    @Path("pending-drains")
    public String pendingDrains() {
        return Integer.toString(writers.pending());
    }
}
