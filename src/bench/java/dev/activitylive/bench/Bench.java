package dev.activitylive.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark: starts activity-live (run.sh's JVM defaults; the WAR with the bench producer added, for the
 * workloads fired through CDI; on request the portable path, and a two-instance cluster, {@code --servers cluster}:
 * clients split across both, events published on one), the original handler (the seed peer) and the Vert.x peer on
 * loopback, or takes servers by URL, and runs each workload against each server in turn, A B C A B C, so drift hits
 * all alike. Prints every run and a summary with ratios to the seed and the everyday regime's targets.
 *
 * <pre>src/bench/run.sh [--rounds N] [--only fanout-1000,steady-100,...] [--servers live,portable,cluster,wildfly,liberty,seed,vertx]
 *                        [--warm-ups 3] [--live-url URL] [--portable-url URL] [--seed-url URL] [--seed-peer DIR]
 *                        [--vertx-url URL] [--vertx-peer DIR] [--live-jvm "JVM flags"]</pre>
 *
 * Every loop is bounded in count and time; every server listens on 127.0.0.1 and is stopped by its PID at the end.
 */
public final class Bench {

    static final int HEARTBEAT_MS = 5_000;
    static final int STEADY_PUBLISHERS = 4;
    static final int QUEUE_MAX_BYTES = 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration QUIET = Duration.ofSeconds(5);

    static final List<Workload> WORKLOADS = List.of(
            Workload.fanout("fanout-1000", 1000, 1000, 100),
            Workload.fanout("fanout-100", 100, 1000, 100),
            Workload.fanoutOverEventStream("fanout-1000-sse", 1000, 1000, 100),
            Workload.steady("steady-100", 100, 1000, 10),
            Workload.steady("steady-1000", 1000, 100, 10),
            Workload.steadyFired("steady-100-cdi", 100, 1000, 10),
            Workload.steadyFired("steady-1000-cdi", 1000, 100, 10),
            Workload.steady("quiet", 10, 20, 30),
            Workload.idle("idle", 60),
            // Before slow: a server that buffered for stalled clients keeps that RSS, which would hide the per-connection cost.
            Workload.connections("connections", 10_000),
            // 30 s: ~30 MB for each slow client, more than the socket buffers and the container's write queue take.
            Workload.slow("slow-baseline", 100, 0, 1000, 30, 1024),
            Workload.slow("slow", 100, 5, 1000, 30, 1024),
            Workload.slowDashboards("slow-dashboards"));

    private final Path root;
    private final Path work;
    private final HttpClient http;
    private final HttpClient sockets;
    private final HttpClient streams;
    private final List<Target> targets = new ArrayList<>();
    private final List<SlowDashboards.Run> dashboardRuns = new ArrayList<>();
    /** JVM flags for activity-live beyond run.sh's defaults ({@code --live-jvm}), to compare settings. */
    private String liveJvm = "";

    private Bench(Path root) {
        this.root = root;
        this.work = root.resolve("target/bench");
        ExecutorService httpThreads = Executors.newFixedThreadPool(2, daemon("bench-http"));
        this.http = HttpClient.newBuilder().executor(httpThreads).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build(); // no h2c upgrade: the seed's ws library refuses it
        ExecutorService socketThreads = Executors.newFixedThreadPool(2, daemon("bench-ws"));
        this.sockets = HttpClient.newBuilder().executor(socketThreads).build();
        ExecutorService streamThreads = Executors.newFixedThreadPool(2, daemon("bench-sse"));
        this.streams = HttpClient.newBuilder().executor(streamThreads).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build(); // as a browser's EventSource, over HTTP/1.1
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Bench bench = new Bench(Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize());
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        List<String> only = List.of(options.getOrDefault("only",
                WORKLOADS.stream().map(Workload::name).collect(Collectors.joining(","))).split(","));
        List<String> servers = List.of(options.getOrDefault("servers", "live,portable,seed").split(","));
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll));
        try {
            bench.prepare(servers, options);
            List<Result> results = bench.run(WORKLOADS.stream().filter(w -> only.contains(w.name())).toList(), rounds);
            Map<String, Double> startUps = new LinkedHashMap<>();
            bench.targets.stream().filter(target -> target.startUpSeconds >= 0)
                    .forEach(target -> startUps.put(target.name, target.startUpSeconds));
            String report = Report.render(results, bench.dashboardRuns, startUps, Machine.describe(),
                    String.join(" ", args));
            Files.writeString(bench.work.resolve("results.md"), report);
            System.out.println(report);
            System.out.println("(also written to " + bench.work.resolve("results.md") + ")");
        } finally {
            bench.stopAll();
        }
        System.exit(0);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --name value ...; got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    /** Starts (or attaches to) the servers, then warms each one up with an unreported fan-out. */
    private void prepare(List<String> servers, Map<String, String> options) throws Exception {
        int warmUpRounds = Integer.parseInt(options.getOrDefault("warm-ups", "3"));
        liveJvm = options.getOrDefault("live-jvm", "");
        Files.createDirectories(work);
        String publisher = "bench-" + UUID.randomUUID();
        String admin = "bench-" + UUID.randomUUID();
        for (String server : servers) {
            int before = targets.size();
            switch (server) {
                case "unconflated" -> {
                    // activity-live with conflation off, for the slow-dashboards workload only.
                    Target target = new Target(UNCONFLATED, Target.Kind.ACTIVITY_LIVE,
                            URI.create("http://127.0.0.1:" + freePort()), publisher, admin, http);
                    startActivityLive(target, PAYARA, "auto", publisher, admin, Map.of("ACTIVITY_LIVE_CONFLATION", "off"));
                    targets.add(target);
                }
                case "live", "portable" -> {
                    String url = options.get(server + "-url");
                    Target target = new Target(server.equals("live") ? "activity-live" : "activity-live-portable",
                            Target.Kind.ACTIVITY_LIVE, URI.create(url != null ? url : "http://127.0.0.1:" + freePort()),
                            url != null ? System.getenv("ACTIVITY_PUBLISHER_PASSWORD") : publisher,
                            url != null ? System.getenv("ACTIVITY_ADMIN_PASSWORD") : admin, http);
                    if (url == null) {
                        // activity-live itself runs the WAR with the bench producer added (for the CDI workloads).
                        startActivityLive(target, PAYARA, server.equals("live") ? "auto" : "portable", publisher,
                                admin, server.equals("live") ? Map.of("ACTIVITY_LIVE_WAR", benchWar().toString())
                                        : Map.of());
                    }
                    targets.add(target);
                }
                case "cluster" -> {
                    // Two instances of one loopback cluster: clients split across both, events published on the first.
                    Target first = new Target("activity-live-cluster", Target.Kind.ACTIVITY_LIVE,
                            URI.create("http://127.0.0.1:" + freePort()), publisher, admin, http);
                    Target second = new Target("activity-live-cluster-2", Target.Kind.ACTIVITY_LIVE,
                            URI.create("http://127.0.0.1:" + freePort()), publisher, admin, http);
                    int hazelcast = freePortPair();
                    String name = "activity-live-bench-" + UUID.randomUUID();
                    startActivityLive(first, PAYARA, "auto", publisher, admin, Map.of("CLUSTER_INSTANCE", "1",
                            "CLUSTER_SIZE", "2", "CLUSTER_PORT_BASE", String.valueOf(hazelcast), "CLUSTER_NAME", name));
                    startActivityLive(second, PAYARA, "auto", publisher, admin, Map.of("CLUSTER_INSTANCE", "2",
                            "CLUSTER_SIZE", "2", "CLUSTER_PORT_BASE", String.valueOf(hazelcast), "CLUSTER_NAME", name));
                    first.addPeer(second);
                    targets.add(first);
                }
                case "wildfly", "liberty" -> {
                    // The same WAR (with the bench producer) on the other servers, each started by its own run.sh.
                    Target target = new Target("activity-live-" + server, Target.Kind.ACTIVITY_LIVE,
                            URI.create("http://127.0.0.1:" + freePort()), publisher, admin, http);
                    Map<String, String> env = new java.util.HashMap<>(Map.of("ACTIVITY_LIVE_WAR", benchWar().toString()));
                    if (server.equals("wildfly")) {
                        env.put("MANAGEMENT_PORT", String.valueOf(freePort()));
                    }
                    startActivityLive(target, "server-config/" + server + "/run.sh", "auto", publisher, admin, env);
                    targets.add(target);
                }
                case "seed" -> {
                    String url = options.get("seed-url");
                    Target target = new Target("seed", Target.Kind.PEER,
                            URI.create(url != null ? url : "http://127.0.0.1:" + freePort()), "", "", http);
                    if (url == null) {
                        startSeed(target, Path.of(options.getOrDefault("seed-peer", root.resolve("src/peers/seed-peer").toString())));
                    }
                    targets.add(target);
                }
                case "vertx" -> {
                    String url = options.get("vertx-url");
                    Target target = new Target("vertx", Target.Kind.PEER,
                            URI.create(url != null ? url : "http://127.0.0.1:" + freePort()), "", "", http);
                    if (url == null) {
                        startVertx(target, Path.of(options.getOrDefault("vertx-peer",
                                root.resolve("src/peers/vertx-peer").toString())));
                    }
                    targets.add(target);
                }
                default -> throw new IllegalArgumentException(
                        "unknown server " + server + " (live, portable, unconflated, cluster, wildfly, liberty, seed, "
                                + "vertx)");
            }
            // Started one at a time, each timed from its start to its first handshake before the next starts.
            for (Target started : targets.subList(before, targets.size())) {
                started.measureStartUp(sockets, Duration.ofSeconds(120));
            }
        }
        for (Target target : targets) {
            target.awaitReady(Duration.ofSeconds(120));
            target.lookForProducer();
            System.out.println("# " + target.name + " ready at " + target.lives()
                    + (target.started() ? " (pid " + target.pid() + ")" : " (not started by the bench)"));
        }
        // A server in production is warm: let the JVM compile its hot paths first (3 × 1M deliveries, unreported).
        // Payara's C2 compiler keeps working for minutes after boot; what it still does shows in the measured CPU.
        List<Workload> warmUps = List.of(Workload.fanout("warm-up", 500, 2000, 100), Workload.steady("warm-up", 100, 1000, 5));
        for (int i = 0; i < warmUpRounds; i++) {
            for (Workload warmUp : warmUps) {
                for (Target target : targets) {
                    runOnce(warmUp, target, 0);
                }
            }
        }
    }

    private static final String UNCONFLATED = "activity-live-unconflated";

    /** Payara Micro's run.sh, which starts activity-live by default. */
    private static final String PAYARA = "server-config/run.sh";

    /** Starts activity-live with {@code script} (a run.sh of server-config), as a user does, plus the bench's settings. */
    private void startActivityLive(Target target, String script, String sendPath, String publisher, String admin,
                                   Map<String, String> extraEnv) throws IOException {
        Path dir = work.resolve(target.name);
        Files.createDirectories(dir);
        Path gc = dir.resolve("gc.log");
        Files.deleteIfExists(gc);
        ProcessBuilder command = new ProcessBuilder("bash", root.resolve(script).toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        Map<String, String> env = command.environment();
        env.put("PORT", String.valueOf(target.base.getPort()));
        // run.sh's own JVM defaults, as a user gets them; only a GC log for the heap figures.
        env.put("JAVA_OPTS", (liveJvm + " -Xlog:gc:file=" + gc + ":uptimemillis").trim());
        env.put("ACTIVITY_LIVE_WORKDIR", dir.resolve("server").toString());
        env.put("ACTIVITY_LIVE_MAX_CLIENTS", "100000");
        env.put("ACTIVITY_LIVE_HEARTBEAT_INTERVAL_MS", String.valueOf(HEARTBEAT_MS));
        env.put("ACTIVITY_LIVE_SEND_PATH", sendPath);
        // The slow-client policy must show within the slow workload (~30 MB sent to each slow client, part of which
        // the socket buffers and the container's write queue hold): 1 MiB instead of the default 8 MiB, still 4× the
        // largest fanout burst one client gets here.
        env.put("ACTIVITY_LIVE_CLIENT_QUEUE_MAX_BYTES", String.valueOf(QUEUE_MAX_BYTES));
        env.put("ACTIVITY_PUBLISHER_PASSWORD", publisher);
        env.put("ACTIVITY_ADMIN_PASSWORD", admin);
        env.putAll(extraEnv);
        target.start(command, gc);
    }

    /**
     * Copies the seed peer to {@code target/bench}, installs and builds it as its own run.sh would, and starts its
     * server with node directly: run.sh cannot pass {@code --trace-gc} (not allowed in NODE_OPTIONS), which gives the
     * heap figures that the JVM's GC log gives for activity-live.
     */
    private void startSeed(Target target, Path source) throws IOException, InterruptedException {
        Path dir = work.resolve("seed-peer");
        if (!Files.exists(dir.resolve("run.sh"))) {
            copy(source, dir);
        }
        if (!Files.exists(dir.resolve("dist/src/server.js"))) {
            Process build = new ProcessBuilder("bash", "-c",
                    "npm ci --no-audit --no-fund && ./node_modules/.bin/tsc -p tsconfig.json")
                    .directory(dir.toFile()).inheritIO().start();
            if (!build.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("building the seed peer in " + dir + " failed");
            }
        }
        Path log = work.resolve("seed.log");
        ProcessBuilder command = new ProcessBuilder("node", "--trace-gc", "dist/src/server.js")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = command.environment();
        env.put("PORT", String.valueOf(target.base.getPort()));
        env.put("HOST", "127.0.0.1");
        env.put("MAX_CLIENTS", "100000");
        env.put("HEARTBEAT_MS", String.valueOf(HEARTBEAT_MS));
        target.start(command, log);
    }

    /**
     * Copies the Vert.x peer to {@code target/bench}, builds its jar with Maven as its run.sh would, and starts it
     * with its own JVM defaults (no heap setting), plus a GC log for the heap figures.
     */
    private void startVertx(Target target, Path source) throws IOException, InterruptedException {
        Path dir = work.resolve("vertx-peer");
        if (!Files.exists(dir.resolve("run.sh"))) {
            copy(source, dir);
        }
        Path jar = dir.resolve("target/vertx-peer-fat.jar");
        if (!Files.exists(jar)) {
            Process build = new ProcessBuilder("mvn", "-B", "-q", "-DskipTests", "package")
                    .directory(dir.toFile()).inheritIO().start();
            if (!build.waitFor(10, java.util.concurrent.TimeUnit.MINUTES) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("building the Vert.x peer in " + dir + " failed");
            }
        }
        Path gc = work.resolve("vertx-gc.log");
        Files.deleteIfExists(gc);
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:gc:file=" + gc + ":uptimemillis", "-jar", jar.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("vertx.log").toFile());
        Map<String, String> env = command.environment();
        env.put("PORT", String.valueOf(target.base.getPort()));
        env.put("MAX_CLIENTS", "100000");
        env.put("HEARTBEAT_MS", String.valueOf(HEARTBEAT_MS));
        target.start(command, gc);
    }

    /**
     * The WAR the bench runs as activity-live: {@code target/activity-live.war} with the bench producer's classes
     * ({@code dev.activitylive.bench.producer}) added to {@code WEB-INF/classes}, built afresh each run.
     */
    private Path benchWar() throws IOException {
        Path war = work.resolve("activity-live-bench.war");
        Path classes = root.resolve("target/test-classes");
        Path producer = classes.resolve("dev/activitylive/bench/producer");
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                Files.newInputStream(root.resolve("target/activity-live.war")));
             java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(war));
             Stream<Path> added = Files.list(producer)) {
            for (java.util.zip.ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            for (Path file : added.toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry("WEB-INF/classes/" + classes.relativize(file)));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return war;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !f.toString().contains("node_modules")).toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                    copy.toFile().setWritable(true);
                }
            }
        }
        to.toFile().setWritable(true);
    }

    private List<Result> run(List<Workload> workloads, int rounds) throws Exception {
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Workload workload : workloads) {
                for (Target target : targets) {
                    if (target.name.equals("activity-live-portable") && !workload.portableToo()
                            || workload.eventStream() && target.kind == Target.Kind.PEER
                            || workload.fired() && !target.hasProducer()
                            || target.name.equals(UNCONFLATED) && workload.kind() != Workload.Kind.SLOW_DASHBOARDS) {
                        continue;
                    }
                    if (workload.kind() == Workload.Kind.SLOW_DASHBOARDS) {
                        awaitNoClients(target);
                        SlowDashboards.Run run = SlowDashboards.run(target, round);
                        System.out.println(run.line());
                        dashboardRuns.add(run);
                        continue;
                    }
                    Result result = runOnce(workload, target, round);
                    System.out.println(Report.line(result));
                    results.add(result);
                }
            }
        }
        return results;
    }

    private Result runOnce(Workload workload, Target target, int round) throws Exception {
        awaitNoClients(target);
        System.gc(); // the bench's own garbage must not be collected in the middle of a measured phase
        return switch (workload.kind()) {
            case FANOUT, STEADY, SLOW -> runEvents(workload, target, round);
            case CONNECTIONS -> runConnections(workload, target, round);
            case IDLE -> runIdle(workload, target, round);
            case SLOW_DASHBOARDS -> throw new IllegalArgumentException("measured by SlowDashboards");
        };
    }

    private void awaitNoClients(Target target) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (target.clientCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(target.name + " still counts clients of the previous run");
            }
            Thread.sleep(100);
        }
    }

    private Result runEvents(Workload workload, Target target, int round) throws Exception {
        int fast = workload.clients() - workload.slow();
        int publishers = workload.kind() == Workload.Kind.FANOUT ? 1 : STEADY_PUBLISHERS;
        try (Fleet fleet = workload.eventStream()
                ? Fleet.overEventStream(streams, target.lives(), workload.clients(), workload.events(),
                        (long) fast * workload.events(), CONNECT_TIMEOUT)
                : new Fleet(sockets, target.lives(), workload.clients(), workload.slow(), workload.events(),
                publishers, (long) fast * workload.events(), CONNECT_TIMEOUT);
             RssSampler rss = new RssSampler(target)) {
            fleet.awaitEstablished(CONNECT_TIMEOUT);
            fleet.stallSlowClients();
            long cpuBefore = target.cpuNanos().orElse(-1);
            long kernelBefore = target.kernelCpuNanos().orElse(-1);
            long start = System.nanoTime();
            rss.start();
            if (workload.fired()) {
                target.fire(workload.rate(), workload.events(), workload.eventBytes(),
                        Duration.ofSeconds(workload.seconds() + 120L));
            } else if (workload.kind() == Workload.Kind.FANOUT) {
                for (int from = 0; from < workload.events(); from += workload.batch()) {
                    target.publish(Events.batch(from, Math.min(workload.batch(), workload.events() - from), workload.eventBytes()));
                }
            } else {
                publishSteadily(workload, target, start, publishers);
            }
            long published = System.nanoTime();
            fleet.awaitDeliveries((long) fast * workload.events(), QUIET, DELIVERY_TIMEOUT);
            long end = Math.max(fleet.lastDeliveryNanos.get(), start + 1);
            long cpuAfter = target.cpuNanos().orElse(-1);
            long kernelAfter = target.kernelCpuNanos().orElse(-1);
            rss.stop();
            long delivered = fleet.delivered.get();
            String notes = "";
            if (workload.kind() == Workload.Kind.STEADY || workload.kind() == Workload.Kind.SLOW) {
                notes = String.format(Locale.ROOT, "%s %.0f/s", workload.fired() ? "fired" : "published",
                        workload.events() / ((published - start) / 1e9));
            }
            if (cpuAfter > cpuBefore && kernelBefore >= 0) {
                notes += String.format(Locale.ROOT, "%skernel %.0f%% of the CPU", notes.isEmpty() ? "" : "; ",
                        100.0 * (kernelAfter - kernelBefore) / (cpuAfter - cpuBefore));
            }
            if (workload.slow() > 0) {
                notes += "; " + slowClientFate(fleet, target);
            }
            long[] latency = fleet.latencyPercentilesMicros();
            double[] connect = connectMillis(fleet);
            return new Result(workload, target.name, round, delivered / ((end - start) / 1e9),
                    cpuBefore < 0 || cpuAfter < 0 || delivered == 0 ? -1 : (cpuAfter - cpuBefore) / 1000.0 / delivered,
                    latency[0], latency[1], latency[2], latency[3], fleet.lost(false), fleet.duplicated(),
                    fleet.outOfOrder(), connect[0], connect[1], rss.peakMb(), target.heapPeakMb(start, end).orElse(-1),
                    -1, cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) / (double) (end - start), notes);
        }
    }

    /** Nothing for the workload's seconds: the server's CPU while idle (its timers, its runtime's own threads). */
    private Result runIdle(Workload workload, Target target, int round) throws Exception {
        try (RssSampler rss = new RssSampler(target)) {
            long cpuBefore = target.cpuNanos().orElse(-1);
            long start = System.nanoTime();
            rss.start();
            Thread.sleep(workload.seconds() * 1000L);
            long end = System.nanoTime();
            long cpuAfter = target.cpuNanos().orElse(-1);
            rss.stop();
            double cores = cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) / (double) (end - start);
            return new Result(workload, target.name, round, -1, -1, -1, -1, -1, -1, 0, 0, 0, -1, -1, rss.peakMb(),
                    target.heapPeakMb(start, end).orElse(-1), -1, cores,
                    String.format(Locale.ROOT, "server CPU %.2f%% of a core", cores * 100));
        }
    }

    /**
     * Publishes one event per request at the workload's rate, from {@code publishers} threads taking turns (a single
     * sequential publisher cannot keep 1000 requests/s against Payara's HTTP stack, ~0.7 ms a request here). Event s
     * is due at start + s/rate; a publisher that falls behind sends at once.
     */
    private void publishSteadily(Workload workload, Target target, long start, int publishers) throws Exception {
        long interval = 1_000_000_000L / workload.rate();
        ExecutorService threads = Executors.newFixedThreadPool(publishers, daemon("bench-publisher"));
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int first = p;
                running.add(threads.submit(() -> {
                    for (int seq = first; seq < workload.events(); seq += publishers) {
                        long wait = start + seq * interval - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        target.publish(Events.batch(seq, 1, workload.eventBytes()));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> each : running) {
                each.get(workload.seconds() + 120L, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** What the server did with the slow clients: still holds them, or closed them (seen once they read again). */
    private String slowClientFate(Fleet fleet, Target target) throws Exception {
        List<Fleet.Client> slow = fleet.clients.stream().filter(c -> c.slow).toList();
        int held = target.clientCount() - (fleet.clients.size() - slow.size());
        fleet.resumeSlowClients();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (held == 0 && System.nanoTime() < deadline && slow.stream().anyMatch(c -> c.closeCode < 0 && c.error == null)) {
            Thread.sleep(50);
        }
        Map<String, Long> fates = slow.stream().collect(Collectors.groupingBy(
                c -> c.closeCode >= 0 ? "close " + c.closeCode : c.error != null ? "EOF (" + c.error + ")" : "open",
                LinkedHashMap::new, Collectors.counting()));
        return "server still held " + held + " of " + slow.size() + " slow clients; reading again they saw " + fates;
    }

    private Result runConnections(Workload workload, Target target, int round) throws Exception {
        OptionalLong heapBefore = target.heapAfterFullGcBytes();
        long rssBefore = target.rssBytes().orElse(-1);
        long cpuBefore = target.cpuNanos().orElse(-1);
        long start = System.nanoTime();
        try (RssSampler rss = new RssSampler(target)) {
            rss.start();
            try (Fleet fleet = new Fleet(sockets, target.lives(), workload.clients(), 0, 0, 1, 0, CONNECT_TIMEOUT)) {
                fleet.awaitEstablished(CONNECT_TIMEOUT);
                double connectSeconds = (System.nanoTime() - start) / 1e9;
                int counted = target.clientCount();
                Thread.sleep(2L * HEARTBEAT_MS + 1000);
                long heard = fleet.clients.stream().filter(c -> c.keepalives > 0).count();
                long end = System.nanoTime();
                long cpuAfter = target.cpuNanos().orElse(-1);
                long rssHeld = target.rssBytes().orElse(-1);
                OptionalLong heapHeld = target.heapAfterFullGcBytes();
                rss.stop();
                long rssPerConnection = rssBefore < 0 || rssHeld < 0 ? -1 : (rssHeld - rssBefore) / workload.clients();
                long heapPerConnection = heapBefore.isEmpty() || heapHeld.isEmpty() ? -1
                        : (heapHeld.getAsLong() - heapBefore.getAsLong()) / workload.clients();
                double[] connect = connectMillis(fleet);
                String notes = String.format(Locale.ROOT, "%d connected in %.1f s, server counts %d, %d got a keepalive"
                                + " within %d s; per connection: RSS +%d B, heap after full GC +%s; server CPU %.2f s",
                        workload.clients(), connectSeconds, counted, heard, (2L * HEARTBEAT_MS + 1000) / 1000,
                        rssPerConnection, heapPerConnection < 0 ? "-" : heapPerConnection + " B",
                        cpuBefore < 0 ? -1 : (cpuAfter - cpuBefore) / 1e9);
                // Per idle connection: the retained heap where we can measure it (a JVM keeps RSS it grew), else RSS.
                return new Result(workload, target.name, round, -1, -1, -1, -1, -1, -1,
                        workload.clients() - heard, 0, 0, connect[0], connect[1], rss.peakMb(),
                        target.heapPeakMb(start, end).orElse(-1),
                        heapPerConnection >= 0 ? heapPerConnection : rssPerConnection,
                        cpuBefore < 0 ? -1 : (cpuAfter - cpuBefore) / (double) (end - start), notes);
            }
        }
    }

    private static double[] connectMillis(Fleet fleet) {
        long[] sorted = fleet.connectNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new double[] {-1, -1};
        }
        return new double[] {sorted[sorted.length / 2] / 1e6, sorted[sorted.length - 1] / 1e6};
    }

    private void stopAll() {
        for (Target target : targets) {
            try {
                target.stop();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The first of two consecutive free loopback ports (a cluster's Hazelcast ports). */
    @SuppressWarnings("try") // the sockets are opened only to see that both ports are free
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000);
            try (ServerSocket one = new ServerSocket(first, 1, InetAddress.getLoopbackAddress());
                 ServerSocket two = new ServerSocket(first + 1, 1, InetAddress.getLoopbackAddress())) {
                return first;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two consecutive free ports on 127.0.0.1");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Samples the server's RSS every 50 ms between {@link #start} and {@link #stop}, keeping the peak. */
    private static final class RssSampler implements AutoCloseable {
        private final Target target;
        private final AtomicLong peak = new AtomicLong(-1);
        private volatile boolean running;
        private Thread thread;

        RssSampler(Target target) {
            this.target = target;
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    OptionalLong rss = target.rssBytes();
                    rss.ifPresent(bytes -> peak.accumulateAndGet(bytes, Math::max));
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }, "bench-rss");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running = false;
            if (thread != null) {
                try {
                    thread.join(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        long peakMb() {
            return peak.get() < 0 ? -1 : peak.get() >> 20;
        }

        @Override
        public void close() {
            stop();
        }
    }
}
