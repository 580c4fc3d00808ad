package dev.activitylive.bench;

import dev.activitylive.testsupport.RawSocket;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.concurrent.TimeUnit;

/**
 * The slow-dashboard workload: reasoning updates of {@value #SESSIONS} sessions and load changes stream at
 * {@value #LATEST_PER_SECOND}/s for {@value #SECONDS} s (~1.1 MB/s), a memory operation after every fifty of them, to
 * {@value #FAST} dashboards that read everything and {@value #SLOW} that read a tenth of the frames per second (and
 * have 4 KiB socket receive buffers, as a busy browser tab's connection backs up). Measured per slow dashboard: whether
 * it is still connected (the server's count), the frames and bytes it read until its state (each session's stage, the
 * last memory operation, the latest load) was the final one a fast dashboard shows, how long after the last publish
 * that was, and whether it got every memory operation once and in order; and whether the fast ones got every event.
 * Clients are raw sockets that answer pings.
 */
final class SlowDashboards {

    static final int SESSIONS = 20;
    static final int LATEST_PER_SECOND = 1_000;
    static final int SECONDS = 30;
    static final int FAST = 15;
    static final int SLOW = 5;
    /** Each 10 ms: five reasoning updates, five load changes, one memory operation. */
    private static final int TICK_MS = 10;
    private static final int PER_TICK = LATEST_PER_SECOND * TICK_MS / 1000;
    private static final int TICKS = SECONDS * 1000 / TICK_MS;
    /** A memory operation every this many ticks: 20 a second, 1 in 51 frames, so a tenth of the frames has room. */
    private static final int MEMORY_EVERY = 5;
    private static final int MEMORY_OPS = TICKS / MEMORY_EVERY;
    private static final int EVENTS = TICKS * PER_TICK + MEMORY_OPS;
    private static final double SLOW_FRAMES_PER_SECOND = EVENTS / (double) SECONDS / 10;
    /** A reasoning update's active streams: 24 names, ~1.7 KB, so the stream is ~1.2 MB/s. */
    private static final String STREAMS = IntStream.range(0, 24)
            .mapToObj(i -> "\"stream-" + i + "-" + "x".repeat(60) + "\"")
            .collect(Collectors.joining(",", "[", "]"));
    /** Pads a memory operation to ~1 KB. */
    private static final String SECTOR = "x".repeat(900);
    /** Marks the published load changes: a server's own (derived) ones count as frames, not as the state. */
    private static final String LOAD_LEVEL = "0.123";
    /** How long a slow dashboard may take to show the final state after the last publish. */
    private static final Duration CATCH_UP = Duration.ofSeconds(180);

    /** What one run measured: medians over the slow dashboards, and what the fast ones missed. */
    record Run(String target, int round, int slowConnected, long framesRead, long framesToFinalState,
               long kilobytesToFinalState, double catchUpSeconds, long memoryLostOrDisordered, long fastMissed,
               double publishedPerSecond) {

        String line() {
            return String.format(Locale.ROOT, "| %s | %d | %d of %d | %,d | %s | %s | %s | %d | %d | %.0f |", target,
                    round, slowConnected, SLOW, framesRead,
                    framesToFinalState < 0 ? "not reached" : String.format("%,d", framesToFinalState),
                    kilobytesToFinalState < 0 ? "—" : String.format("%,d", kilobytesToFinalState),
                    catchUpSeconds < 0 ? "> " + CATCH_UP.toSeconds() + " s" : String.format(Locale.ROOT, "%.2f s",
                            catchUpSeconds), memoryLostOrDisordered, fastMissed, publishedPerSecond);
        }

        static String header() {
            return "| server | round | slow dashboards connected at the end | frames a slow one read (median) "
                    + "| frames to the final state (median) "
                    + "| KB to the final state (median) | final state after the last publish (median) "
                    + "| memory operations not (yet) received or out of order (slow, all) "
                    + "| events the fast ones missed (all) "
                    + "| published events/s |\n|---|---|---|---|---|---|---|---|---|---|";
        }
    }

    private SlowDashboards() {
    }

    static String describe() {
        return "reasoning updates (" + SESSIONS + " sessions, ~1.9 KB) + load changes (~0.2 KB) " + LATEST_PER_SECOND
                + "/s, memory operations (~1 KB) " + MEMORY_OPS / SECONDS + "/s, T=" + SECONDS + " s; " + FAST
                + " fast dashboards, " + SLOW + " slow ones reading " + Math.round(SLOW_FRAMES_PER_SECOND)
                + " frames/s";
    }

    static Run run(Target target, int round) throws Exception {
        List<Dashboard> dashboards = new ArrayList<>();
        try {
            for (int i = 0; i < FAST + SLOW; i++) {
                Dashboard dashboard = new Dashboard(target.live(), i >= FAST);
                dashboards.add(dashboard);
                dashboard.start();
            }
            long start = System.nanoTime();
            for (int tick = 0; tick < TICKS; tick++) {
                target.publish(tick(tick));
                long next = start + TimeUnit.MILLISECONDS.toNanos((long) (tick + 1) * TICK_MS);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            long lastPublish = System.nanoTime();
            double publishedPerSecond = EVENTS / ((lastPublish - start) / 1e9);
            long deadline = lastPublish + CATCH_UP.toNanos();
            List<Dashboard> slow = dashboards.stream().filter(d -> d.slow).toList();
            Dashboard fast = dashboards.get(0);
            awaitFinalState(fast, slow, deadline);
            slow.stream().filter(d -> d.finalAtNanos < 0).findFirst().ifPresent(d -> System.out.println(
                    "# " + target.name + ": a slow dashboard shows " + d.differences(fast.state())));
            // The server's count: a slow dashboard reads a close frame only after the backlog before it.
            int slowConnected = target.clientCount() - FAST;
            return new Run(target.name, round, slowConnected, median(slow.stream().map(d -> d.frames).toList()),
                    median(slow.stream().map(d -> d.framesAtFinal).toList()),
                    median(slow.stream().map(d -> d.bytesAtFinal < 0 ? -1 : d.bytesAtFinal / 1000).toList()),
                    median(slow.stream().map(d -> d.finalAtNanos < 0 ? -1 : d.finalAtNanos - lastPublish)
                            .toList()) / 1e9,
                    slow.stream().mapToLong(Dashboard::memoryLostOrDisordered).sum(),
                    dashboards.stream().filter(d -> !d.slow).mapToLong(d -> EVENTS - d.published).sum(),
                    publishedPerSecond);
        } finally {
            dashboards.forEach(Dashboard::stop);
        }
    }

    /** A median where -1 (not reached) counts as the largest; -1 if the median was not reached. */
    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted((a, b) -> a < 0 ? (b < 0 ? 0 : 1) : b < 0 ? -1 : Long.compare(a, b))
                .toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Tick {@code t}'s events: reasoning updates of five sessions at step t, five load changes and, every
     * {@value #MEMORY_EVERY} ticks, the next memory operation.
     */
    private static String tick(int t) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < PER_TICK / 2; i++) {
            int session = (t * (PER_TICK / 2) + i) % SESSIONS;
            json.append("{\"type\":\"reasoning_update\",\"data\":{\"sessionId\":\"s-").append(session)
                    .append("\",\"stage\":\"step-").append(t).append("\",\"progress\":50,\"activeStreams\":")
                    .append(STREAMS).append("}},");
        }
        for (int i = 0; i < PER_TICK - PER_TICK / 2; i++) {
            json.append("{\"type\":\"load_change\",\"data\":{\"loadLevel\":" + LOAD_LEVEL + ",\"activeProcesses\":")
                    .append(t * PER_TICK + i).append(",\"memoryOpsPerSecond\":100,\"reasoningSessions\":")
                    .append(SESSIONS).append(",\"visualIntensity\":\"medium\"}},");
        }
        if (t % MEMORY_EVERY != MEMORY_EVERY - 1) {
            json.setLength(json.length() - 1);
            return json.append(']').toString();
        }
        return json.append("{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\",\"memoryId\":\"dash:")
                .append(t / MEMORY_EVERY).append("\",\"userId\":\"bench-user\",\"success\":true,\"sector\":\"")
                .append(SECTOR)
                .append("\"}}]").toString();
    }

    /**
     * Waits until each slow dashboard shows what {@code fast} shows, once {@code fast} has every published event's
     * effect: each session's last stage, the last memory operation and the latest load — whoever sent it, as the
     * server's own derived load goes on changing after the last publish. Records when, and what it had read by then.
     */
    private static void awaitFinalState(Dashboard fast, List<Dashboard> slow, long deadline)
            throws InterruptedException {
        Map<String, String> published = publishedFinalState();
        while (System.nanoTime() < deadline && slow.stream().anyMatch(d -> d.finalAtNanos < 0 && !d.closed)) {
            Map<String, String> shown = fast.state();
            if (published.entrySet().stream().allMatch(entry -> entry.getValue().equals(shown.get(entry.getKey())))) {
                slow.forEach(d -> d.reachedIf(shown));
            }
            Thread.sleep(10);
        }
    }

    /** What the published events leave a dashboard showing, but the load: key → value, as a Dashboard keeps it. */
    private static Map<String, String> publishedFinalState() {
        Map<String, String> state = new HashMap<>();
        for (int t = TICKS - 1; t >= 0 && state.size() < SESSIONS; t--) {
            for (int i = 0; i < PER_TICK / 2; i++) {
                state.putIfAbsent("s-" + (t * (PER_TICK / 2) + i) % SESSIONS, "step-" + t);
            }
        }
        state.put("memory", "dash:" + (MEMORY_OPS - 1));
        return state;
    }

    /** One dashboard on its own thread: reads frames (paced if slow), answers pings, keeps the state it shows. */
    private static final class Dashboard {
        final boolean slow;
        private final URI live;
        private final Map<String, String> state = new HashMap<>();
        private Thread reader;
        private RawSocket socket;
        volatile boolean closed;
        volatile long frames;
        /** Published events received; the frames besides are the server's own load changes. */
        volatile long published;
        long bytes;
        volatile long framesAtFinal = -1;
        volatile long bytesAtFinal = -1;
        volatile long finalAtNanos = -1;
        private int lastMemory = -1;
        private long memoryLostOrDisordered;

        Dashboard(URI live, boolean slow) {
            this.live = live;
            this.slow = slow;
        }

        void start() throws IOException {
            socket = RawSocket.connect(live, (int) CATCH_UP.toMillis() * 3, slow ? 4096 : 0);
            reader = new Thread(this::read, "dashboard" + (slow ? "-slow" : ""));
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            long started = System.nanoTime();
            long read = 0;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    RawSocket.Frame frame = socket.read();
                    if (frame.opcode() == RawSocket.Frame.PING) {
                        socket.sendFrame(RawSocket.Frame.PONG, frame.payload());
                    } else if (frame.opcode() == RawSocket.Frame.CLOSE) {
                        closed = true;
                        return;
                    } else if (frame.opcode() == RawSocket.Frame.TEXT) {
                        received(frame.text(), frame.payload().length);
                        if (slow) {
                            long due = started + (long) (++read * 1e9 / SLOW_FRAMES_PER_SECOND);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        }
                    }
                }
            } catch (IOException | InterruptedException ended) {
                closed = !Thread.currentThread().isInterrupted();
            }
        }

        private synchronized void received(String json, int size) {
            bytes += size;
            String type = field(json, "type");
            if (type == null || type.equals("heartbeat") || type.equals("connection_established")) {
                return;
            }
            frames++;
            boolean ours = !type.equals("load_change") || json.contains("\"loadLevel\":" + LOAD_LEVEL + ",");
            if (ours) {
                published++;
            }
            switch (type) {
                case "reasoning_update" -> state.put(field(json, "sessionId"), field(json, "stage"));
                case "load_change" -> state.put("load", number(json, "activeProcesses") + "@" + loadLevel(json));
                case "memory_operation" -> {
                    String id = field(json, "memoryId");
                    int seq = Integer.parseInt(id.substring("dash:".length()));
                    if (seq != lastMemory + 1) {
                        memoryLostOrDisordered++;
                    }
                    lastMemory = seq;
                    state.put("memory", id);
                }
                default -> {
                }
            }
        }

        /** Notes the moment, and what it read by then, if it shows {@code wanted} now for the first time. */
        synchronized void reachedIf(Map<String, String> wanted) {
            if (finalAtNanos < 0 && state.equals(wanted)) {
                finalAtNanos = System.nanoTime();
                framesAtFinal = frames;
                bytesAtFinal = bytes;
            }
        }

        synchronized Map<String, String> state() {
            return new HashMap<>(state);
        }

        /** What it shows that differs from {@code wanted}: key → shown (wanted). */
        synchronized String differences(Map<String, String> wanted) {
            StringBuilder out = new StringBuilder();
            wanted.forEach((key, value) -> {
                if (!value.equals(state.get(key))) {
                    out.append(key).append('=').append(state.get(key)).append(" (").append(value).append(") ");
                }
            });
            return out.length() == 0 ? "the final state" : out.toString();
        }

        synchronized long memoryLostOrDisordered() {
            return memoryLostOrDisordered + (MEMORY_OPS - 1 - lastMemory);
        }

        void stop() {
            if (reader != null) {
                reader.interrupt();
            }
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException alreadyGone) {
                // the run is over either way
            }
        }

        /** The string value of {@code "name":"..."} in {@code json}; null if absent. */
        private static String field(String json, String name) {
            int at = json.indexOf("\"" + name + "\":\"");
            if (at < 0) {
                return null;
            }
            int from = at + name.length() + 4;
            return json.substring(from, json.indexOf('"', from));
        }

        /** The load level as written: a server's own load and a published one differ in it. */
        private static String loadLevel(String json) {
            int from = json.indexOf("\"loadLevel\":") + "\"loadLevel\":".length();
            return json.substring(from, json.indexOf(',', from));
        }

        private static String number(String json, String name) {
            int from = json.indexOf("\"" + name + "\":") + name.length() + 3;
            int end = from;
            while (end < json.length() && Character.isDigit(json.charAt(end))) {
                end++;
            }
            return json.substring(from, end);
        }
    }
}
