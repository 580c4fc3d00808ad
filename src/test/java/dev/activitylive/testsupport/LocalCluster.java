package dev.activitylive.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * A cluster of Payara Micro instances on loopback, each started with {@code server-config/run.sh CLUSTER_INSTANCE=N}
 * as the README tells a user to, serving the test WAR ({@link Deployments}) with the given settings. Free ports for
 * HTTP and Hazelcast, a cluster name of its own, its own work directories under {@code target/cluster-it}; the
 * processes it started are stopped by their PIDs when it closes, and each one's log is echoed to the test output.
 */
public final class LocalCluster implements AutoCloseable {

    /** A boot takes 5 to 20 s here (three at once); one that has not finished in 90 s has hung. */
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path DIR = ROOT.resolve("target/cluster-it");
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    /**
     * Every server process started here and not yet ended: killed when the test JVM exits, so that a test stopped
     * by its time limit in the middle of a start (the cluster's, waiting on a hung boot) leaves no server running.
     */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "local-cluster-cleanup"));
    }

    /** One running instance: its number (1-based), its process, and the API on its HTTP port. */
    public record Instance(int number, Process process, Api api, Path log) {
    }

    private final List<Instance> instances = new ArrayList<>();

    private LocalCluster() {
    }

    /** Starts {@code size} instances at once and waits until each serves and sees all the others. */
    public static LocalCluster start(int size, Map<String, String> settings) {
        LocalCluster cluster = new LocalCluster();
        try {
            Path war = testWar(settings, "activity-live.war");
            int hazelcastBase = freePortRange(size);
            String name = "activity-live-it-" + UUID.randomUUID();
            List<Launch> launches = new ArrayList<>();
            for (int n = 1; n <= size; n++) {
                int number = n;
                launches.add(() -> launch(number, size, hazelcastBase, name, war, Map.of()));
                cluster.instances.add(launches.get(n - 1).start());
            }
            // Every instance booted (a hung one restarted) before any is asked to see the others: one that hung
            // would otherwise keep the first from ever seeing them, and never get its restart.
            for (int i = 0; i < size; i++) {
                cluster.instances.set(i, booted(cluster.instances.get(i), launches.get(i)));
            }
            for (Instance instance : cluster.instances) {
                awaitSeesAll(instance, size);
            }
            return cluster;
        } catch (IOException failed) {
            cluster.close();
            throw new UncheckedIOException(failed);
        } catch (RuntimeException | Error failed) {
            cluster.close();
            throw failed;
        }
    }

    /**
     * Boots one instance with {@code settings} and {@code environment}, the way run.sh starts a single server (no
     * Hazelcast), waits until Payara says it is ready (it does even when the deployment failed), stops it and
     * returns its log.
     */
    public static String bootAlone(Map<String, String> settings, Map<String, String> environment) throws IOException {
        Path war = testWar(settings, "alone.war");
        Launch launch = () -> launch(0, 0, 0, "", war, environment);
        Instance alone = launch.start();
        try {
            alone = booted(alone, launch);
            return Files.readString(alone.log(), StandardCharsets.UTF_8);
        } finally {
            end(alone.process(), false);
        }
    }

    /**
     * Starts one server the way run.sh starts a single one (no Hazelcast), serving the test WAR with {@code settings},
     * and returns at once: the caller watches it boot. Stop it with {@link #stop}.
     */
    public static Instance startAlone(Map<String, String> settings) throws IOException {
        return startAlone(settings, "");
    }

    /**
     * Starts one server as {@link #startAlone(Map)} does and returns it once Payara says it is ready; one that hung in
     * Payara's own start-up is started once more ({@link #booted}).
     */
    public static Instance startAloneReady(Map<String, String> settings) throws IOException {
        Path war = testWar(settings, "alone.war");
        Launch launch = () -> launch(0, 0, 0, "", war, Map.of());
        return booted(launch.start(), launch);
    }

    /** Like {@link #startAlone(Map)}, with {@code jvmFlags} added to the JVM's. */
    public static Instance startAlone(Map<String, String> settings, String jvmFlags) throws IOException {
        return launch(0, 0, 0, "", testWar(settings, "alone.war"),
                Map.of("JAVA_OPTS", (System.getProperty("it.payara.jvm", "") + " " + jvmFlags).trim()));
    }

    /**
     * Starts the server {@code stopped} was once more, on its port with its WAR and settings (a restart), and returns
     * it once Payara says it is ready; one that hung in Payara's own start-up is started once more ({@link #booted}).
     */
    public static Instance restart(Instance stopped) throws IOException {
        int port = stopped.api().http("").getPort();
        Launch launch = () -> launch(0, 0, 0, "", DIR.resolve("alone.war"), Map.of(), port, "-again");
        return booted(launch.start(), launch);
    }

    /**
     * For a caller that watches a boot itself: if {@code instance} is alive and has not said it is ready, it hung in
     * Payara's own start-up ({@link #booted}); its threads are printed and it is killed, and true says to start a
     * new one. False if it booted or exited (nothing to retry).
     */
    public static boolean abandonIfHung(Instance instance) throws IOException {
        if (!instance.process().isAlive()
                || Files.readString(instance.log(), StandardCharsets.UTF_8).contains(" ready in ")) {
            return false;
        }
        System.out.println("=== instance " + instance.number() + " did not finish booting within " + BOOT
                + "; its threads, then one more start:");
        Threads.print(instance.process().pid());
        end(instance.process(), true);
        echo(instance);
        return true;
    }

    /** Where a test may put a file of its own next to the instances' logs. */
    public static Path file(String name) throws IOException {
        Files.createDirectories(DIR);
        return DIR.resolve(name);
    }

    /** Stops a server as an operator would (SIGTERM), waits for it to exit, and echoes its log. */
    public static void stop(Instance instance) {
        end(instance.process(), false);
        echo(instance);
    }

    public Instance instance(int number) {
        return instances.get(number - 1);
    }

    /** Kills instance {@code number} outright (SIGKILL), as a crash would, and waits for it to exit. */
    public void kill(int number) {
        end(instance(number).process(), true);
    }

    @Override
    public void close() {
        for (Instance instance : instances) {
            end(instance.process(), false);
        }
        for (Instance instance : instances) {
            echo(instance);
        }
    }

    private static Path testWar(Map<String, String> settings, String fileName) throws IOException {
        Files.createDirectories(DIR);
        Path war = DIR.resolve(fileName);
        Deployments.activityLive(settings).as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }

    /** Starts run.sh for instance {@code number} of a cluster of {@code size}, or alone if {@code number} is 0. */
    private static Instance launch(int number, int size, int hazelcastBase, String name, Path war,
                                   Map<String, String> environment) throws IOException {
        return launch(number, size, hazelcastBase, name, war, environment, freePortRange(1), "");
    }

    private static Instance launch(int number, int size, int hazelcastBase, String name, Path war,
                                   Map<String, String> environment, int port, String logSuffix) throws IOException {
        Path log = DIR.resolve("instance-" + number + logSuffix + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("server-config/run.sh").toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS", System.getProperty("it.payara.jvm", ""));
        env.put("PAYARA_MICRO_JAR", System.getProperty("payara.microJar"));
        env.put("ACTIVITY_LIVE_WAR", war.toString());
        env.put("ACTIVITY_LIVE_WORKDIR", DIR.resolve("work-" + number).toString());
        env.put("PORT", Integer.toString(port));
        if (number > 0) {
            env.put("CLUSTER_INSTANCE", Integer.toString(number));
            env.put("CLUSTER_SIZE", Integer.toString(size));
            env.put("CLUSTER_PORT_BASE", Integer.toString(hazelcastBase));
            env.put("CLUSTER_NAME", name);
        }
        env.putAll(environment);
        Process process = builder.start();
        RUNNING.add(process);
        return new Instance(number, process, new Api(new URL("http://127.0.0.1:" + port + "/")), log);
    }

    /** Starts one instance's process. */
    @FunctionalInterface
    private interface Launch {
        Instance start() throws IOException;
    }

    /**
     * {@code instance} once Payara says it is ready (it does even when the deployment failed); if it has not within
     * {@link #BOOT}, it hung in Payara's own start-up (see the Payara adapter of the tests, RetryingPayaraMicroContainer): its threads are
     * printed, it is killed and started once more.
     */
    private static Instance booted(Instance instance, Launch launch) throws IOException {
        if (readyInTime(instance) || !abandonIfHung(instance)) {
            return instance;
        }
        Instance again = launch.start();
        if (!readyInTime(again)) {
            throw new AssertionError("instance " + again.number() + " did not boot within " + BOOT + ", twice");
        }
        return again;
    }

    private static boolean readyInTime(Instance instance) throws IOException {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (!Files.readString(instance.log(), StandardCharsets.UTF_8).contains(" ready in ")) {
            if (!instance.process().isAlive()) {
                throw new AssertionError("instance " + instance.number() + " exited while booting; see its log");
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Api.pause(Duration.ofMillis(250));
        }
        return true;
    }

    /** Waits for its client list to count {@code size} instances. */
    private static void awaitSeesAll(Instance instance, int size) {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (instance.api().clusterInstances() != size) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instance " + instance.number() + " does not see " + size + " instances");
            }
            Api.pause(Duration.ofMillis(250));
        }
    }

    private static void end(Process process, boolean kill) {
        if (!process.isAlive()) {
            RUNNING.remove(process);
            return;
        }
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!process.isAlive()) {
            RUNNING.remove(process);
        }
    }

    /** The instance's warnings and the end of its log, into the test output (and so into CI's failure report). */
    private static void echo(Instance instance) {
        try {
            List<String> lines = Files.readAllLines(instance.log(), StandardCharsets.UTF_8);
            System.out.println("=== instance " + instance.number() + " (" + instance.log() + "): warnings, then the end");
            lines.stream().filter(line -> line.contains("[WARNING]") || line.contains("[SEVERE]"))
                    .forEach(System.out::println);
            lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(System.out::println);
        } catch (IOException unreadable) {
            System.out.println("=== instance " + instance.number() + ": log unreadable: " + unreadable);
        }
    }

    /** A loopback port free now and never handed out before in this JVM. */
    public static int freePort() throws IOException {
        return freePortRange(1);
    }

    /**
     * {@code count} consecutive ports free now and never handed out before in this JVM: a cluster's Hazelcast ports
     * are bound only as its members start, so an HTTP port chosen meanwhile must not fall among them.
     */
    private static synchronized int freePortRange(int count) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            boolean fresh = IntStream.range(first, first + count).noneMatch(HANDED_OUT::contains);
            if (fresh && allFree(first, count)) {
                IntStream.range(first, first + count).forEach(HANDED_OUT::add);
                return first;
            }
        }
        throw new IOException("no " + count + " free consecutive ports on 127.0.0.1");
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
