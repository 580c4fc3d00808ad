package dev.activitylive.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server under test: where it listens, how to publish to it and count its clients, and — when the bench started
 * it — its process, for CPU time, RSS and the heap figures of its GC log. Both implementations share the protocol and
 * the publish API ({@code POST /api/v1/activity/events}); they differ in authentication and in how they count clients.
 */
final class Target {

    /** activity-live, or a peer (the seed, the Vert.x peer): no login, its client count at {@code /healthz}. */
    enum Kind {
        ACTIVITY_LIVE, PEER
    }

    private static final Pattern JAVA_GC = Pattern.compile("^\\[(\\d+)ms\\].*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern NODE_GC = Pattern.compile("\\s(\\d+) ms: [A-Za-z-]+[^0-9]*([\\d.]+) \\(([\\d.]+)\\) -> ([\\d.]+) \\(([\\d.]+)\\) MB");
    private static final Pattern HEAP_USED = Pattern.compile("(?:heap|generation|Gen)\\s+total \\d+K, used (\\d+)K");
    private static final Pattern COUNT = Pattern.compile("\"(?:count|clients)\"\\s*:\\s*(\\d+)");

    final String name;
    final Kind kind;
    final URI base;
    private final String publisherAuth;
    private final String adminAuth;
    private final HttpClient http;
    private Process process;
    /** The other instances of the same cluster, when this target is a cluster: counted and measured with it. */
    private final List<Target> peers = new ArrayList<>();
    private long startedNanos;
    private Path gcLog;
    /** Whether the server runs the bench WAR, whose producer fires events through CDI ({@link #fire}). */
    private boolean hasProducer;

    Target(String name, Kind kind, URI base, String publisherPassword, String adminPassword, HttpClient http) {
        this.name = name;
        this.kind = kind;
        this.base = base;
        this.publisherAuth = basic("publisher", publisherPassword);
        this.adminAuth = basic("admin", adminPassword);
        this.http = http;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    URI live() {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/v1/activity/live");
    }

    /** Makes {@code peer}, another instance of this target's cluster, part of this target: clients, CPU, memory. */
    void addPeer(Target peer) {
        peers.add(peer);
    }

    /** Where clients connect: this instance, then its peers (clients are spread over them in turn). */
    List<URI> lives() {
        List<URI> lives = new ArrayList<>(List.of(live()));
        peers.forEach(peer -> lives.add(peer.live()));
        return lives;
    }

    /** Starts the server with {@code command}; its GC log (JVM) or trace (Node) goes to {@code gcLog}. */
    void start(ProcessBuilder command, Path gcLog) throws IOException {
        this.gcLog = gcLog;
        startedNanos = System.nanoTime();
        process = command.start();
    }

    /** Seconds from the process's start to its first successful WebSocket handshake; -1 if not measured. */
    double startUpSeconds = -1;

    /**
     * Measures start-up: tries a handshake every 20 ms from now on and takes the time of the first that succeeds,
     * counted from the process's start. Called right after the start, so nothing else waits in between.
     */
    void measureStartUp(HttpClient sockets, Duration timeout) throws InterruptedException {
        if (process == null) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                java.net.http.WebSocket socket = sockets.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(live(), new java.net.http.WebSocket.Listener() { }).get(10,
                                java.util.concurrent.TimeUnit.SECONDS);
                startUpSeconds = (System.nanoTime() - startedNanos) / 1e9;
                socket.abort();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notYet) {
                Thread.sleep(20);
            }
        }
    }

    boolean started() {
        return process != null;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the server (each instance of it) answers its client count, at most {@code timeout}. */
    void awaitReady(Duration timeout) throws InterruptedException {
        for (Target peer : peers) {
            peer.awaitReady(timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready");
            }
            try {
                clientCount();
                return;
            } catch (IOException | RuntimeException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException(name + " not ready within " + timeout);
    }

    /** The connected clients as the server counts them (each instance its own: summed). */
    int clientCount() throws IOException, InterruptedException {
        int count = 0;
        for (Target peer : peers) {
            count += peer.clientCount();
        }
        return count + ownClientCount();
    }

    private int ownClientCount() throws IOException, InterruptedException {
        HttpRequest.Builder request = kind == Kind.PEER
                ? HttpRequest.newBuilder(base.resolve("/healthz"))
                : HttpRequest.newBuilder(base.resolve("/api/v1/activity/clients")).header("Authorization", adminAuth);
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher count = COUNT.matcher(response.body());
        if (response.statusCode() != 200 || !count.find()) {
            throw new IOException(name + " answered " + response.statusCode() + " " + response.body());
        }
        return Integer.parseInt(count.group(1));
    }

    /** Publishes a JSON array of events and waits for the 202. */
    void publish(String jsonArray) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/activity/events"))
                .header("Content-Type", "application/json").header("Authorization", publisherAuth)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(jsonArray)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException(name + " refused a publish: " + response.statusCode() + " " + response.body());
        }
    }

    boolean hasProducer() {
        return hasProducer;
    }

    /** Sets {@link #hasProducer}: whether the server answers the bench producer's URL. */
    void lookForProducer() throws IOException, InterruptedException {
        hasProducer = kind == Kind.ACTIVITY_LIVE && http.send(HttpRequest.newBuilder(base.resolve("/bench/producer"))
                .header("Authorization", publisherAuth).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /**
     * Has the bench producer inside the application fire {@code count} events at {@code rate}/s through CDI, and
     * waits until it has fired them all, at most {@code timeout}.
     */
    void fire(int rate, int count, int bytes, Duration timeout) throws IOException, InterruptedException {
        URI producer = base.resolve("/bench/producer");
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(producer + "?rate=" + rate
                        + "&count=" + count + "&bytes=" + bytes)).header("Authorization", publisherAuth)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IOException(name + " did not start its producer: " + started.statusCode() + " " + started.body());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250); // a few requests a second: next to nothing of the measured CPU
            String progress = http.send(HttpRequest.newBuilder(producer).header("Authorization", publisherAuth)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (progress.contains("\"running\":false")) {
                if (!progress.contains("\"fired\":" + count + ",")) {
                    throw new IOException(name + "'s producer stopped early: " + progress);
                }
                return;
            }
        }
        throw new IOException(name + "'s producer did not finish within " + timeout);
    }

    /** User plus system CPU time of the server process so far, in nanoseconds; empty if we did not start it. */
    OptionalLong cpuNanos() {
        return summed(target -> target.ownCpuNanos(false));
    }

    /** The part of {@link #cpuNanos} spent in the kernel (system time: socket writes, wake-ups). */
    OptionalLong kernelCpuNanos() {
        return summed(target -> target.ownCpuNanos(true));
    }

    /** Resident set size in bytes (of every instance, summed); empty if we did not start it. */
    OptionalLong rssBytes() {
        return summed(Target::ownRssBytes);
    }

    private OptionalLong summed(java.util.function.Function<Target, OptionalLong> measure) {
        OptionalLong own = measure.apply(this);
        long sum = own.orElse(0);
        for (Target peer : peers) {
            OptionalLong theirs = measure.apply(peer);
            if (theirs.isEmpty()) {
                return OptionalLong.empty();
            }
            sum += theirs.getAsLong();
        }
        return own.isEmpty() ? OptionalLong.empty() : OptionalLong.of(sum);
    }

    private OptionalLong ownCpuNanos(boolean kernelOnly) {
        if (process == null) {
            return OptionalLong.empty();
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long system = Long.parseLong(fields[12]); // stime, field 15
            long ticks = kernelOnly ? system : Long.parseLong(fields[11]) + system; // utime, field 14
            return OptionalLong.of(ticks * (1_000_000_000L / Machine.CLOCK_TICKS));
        } catch (IOException | RuntimeException gone) {
            return OptionalLong.empty();
        }
    }

    private OptionalLong ownRssBytes() {
        if (process == null) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // fall through
        }
        return OptionalLong.empty();
    }

    /**
     * The largest heap in use seen by a garbage collection (its "before" figure) between {@code fromNanos} and
     * {@code toNanos} ({@link System#nanoTime()}), in MB, each instance's summed; empty if no collection ran then or
     * there is no log.
     */
    OptionalLong heapPeakMb(long fromNanos, long toNanos) {
        OptionalLong own = ownHeapPeakMb(fromNanos, toNanos);
        long sum = own.orElse(0);
        for (Target peer : peers) {
            sum += peer.ownHeapPeakMb(fromNanos, toNanos).orElse(0);
        }
        return own.isEmpty() ? OptionalLong.empty() : OptionalLong.of(sum);
    }

    private OptionalLong ownHeapPeakMb(long fromNanos, long toNanos) {
        if (gcLog == null || !Files.exists(gcLog)) {
            return OptionalLong.empty();
        }
        long fromMs = (fromNanos - startedNanos) / 1_000_000;
        long toMs = (toNanos - startedNanos) / 1_000_000;
        double peak = -1;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher java = JAVA_GC.matcher(line);
                Matcher node = NODE_GC.matcher(line);
                long at;
                double before;
                if (java.find()) {
                    at = Long.parseLong(java.group(1));
                    before = Double.parseDouble(java.group(2));
                } else if (node.find()) {
                    at = Long.parseLong(node.group(1));
                    before = Double.parseDouble(node.group(2));
                } else {
                    continue;
                }
                if (at >= fromMs && at <= toMs) {
                    peak = Math.max(peak, before);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return OptionalLong.empty();
        }
        return peak < 0 ? OptionalLong.empty() : OptionalLong.of(Math.round(peak));
    }

    /**
     * Heap in use right after a full collection, in bytes, for a JVM we started (through {@code jcmd}: GC.run, then
     * GC.heap_info); empty for other servers (the seed). What idle connections really retain, unlike RSS, which a JVM that
     * already grew its heap does not give back.
     */
    OptionalLong heapAfterFullGcBytes() {
        if (process == null) {
            return OptionalLong.empty(); // jcmd answers nothing it can parse for a server that is no JVM
        }
        try {
            jcmd("GC.run");
            // G1 reports one heap; the serial and parallel collectors each generation (and Metaspace is no heap).
            Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
            long bytes = 0;
            boolean found = false;
            while (used.find()) {
                bytes += Long.parseLong(used.group(1)) * 1024;
                found = true;
            }
            return found ? OptionalLong.of(bytes) : OptionalLong.empty();
        } catch (IOException | InterruptedException | RuntimeException failed) {
            return OptionalLong.empty();
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + command + " timed out");
        }
        return output;
    }

    /** SIGTERM to the process we started, by its PID; waits for it to go. */
    void stop() throws InterruptedException {
        for (Target peer : peers) {
            peer.stop();
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
