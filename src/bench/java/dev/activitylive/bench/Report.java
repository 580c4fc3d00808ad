package dev.activitylive.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders the runs as Markdown: every run, the medians per workload and server with ratios to the seed, the targets. */
final class Report {

    static final String SEED = "seed";
    static final String VERTX = "vertx";
    private static final String LIVE = "activity-live";
    private static final String PORTABLE = "activity-live-portable";

    private Report() {
    }

    /** One number read off a run, e.g. its deliveries/s; negative where it does not apply. */
    @FunctionalInterface
    interface Figure {
        double of(Result run);
    }

    static String line(Result r) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %d | %d | %d | %s | %s | %s | %s |",
                r.workload().name(), r.target(), r.round(), number(r.deliveriesPerSecond(), "%,.0f"),
                number(r.cpuMicrosPerDelivery(), "%.2f"), number(r.serverCores(), "%.3f"), millis(r.p50Micros()), millis(r.p90Micros()),
                millis(r.p99Micros()), millis(r.maxMicros()), r.lost(), r.duplicated(), r.outOfOrder(),
                r.connectP50Millis() < 0 ? "-" : String.format(Locale.ROOT, "%.1f / %.0f", r.connectP50Millis(), r.connectMaxMillis()),
                r.rssPeakMb() < 0 ? "-" : String.valueOf(r.rssPeakMb()), r.heapPeakMb() < 0 ? "-" : String.valueOf(r.heapPeakMb()),
                r.notes());
    }

    /** The runs, then {@code startUps}: each started server's seconds from its start to its first handshake. */
    static String render(List<Result> results, List<SlowDashboards.Run> dashboards, Map<String, Double> startUps,
                         String machine, String arguments) {
        StringBuilder out = new StringBuilder();
        out.append("## Fan-out benchmark\n\nMachine: ").append(machine).append("  \nCommand: `src/bench/run.sh ")
                .append(arguments).append("`\n\n### Every run\n\n")
                .append("| workload | server | round | deliveries/s | server CPU µs/delivery | server CPU cores | p50 ms | p90 ms "
                        + "| p99 ms | max ms | lost | dup | out of order | connect p50 / max ms | RSS peak MB | heap peak MB | notes |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        results.forEach(r -> out.append(line(r)).append('\n'));
        out.append("\n### Medians, and ratios to the seed\n\n")
                .append("| workload | server | deliveries/s | × seed | server CPU µs/delivery | × seed | server CPU cores "
                        + "| p50 ms | p99 ms | × seed | RSS peak MB | lost |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Map<String, List<Result>>> byWorkload = results.stream().collect(Collectors.groupingBy(
                r -> r.workload().name(), LinkedHashMap::new, Collectors.groupingBy(Result::target, LinkedHashMap::new, Collectors.toList())));
        byWorkload.forEach((workload, byTarget) -> byTarget.forEach((target, runs) -> {
            // The original has no event stream and no CDI: an SSE row is compared with its WebSocket fan-out, a
            // CDI-fired row with its HTTP publishes at the same rate.
            List<Result> seed = byWorkload.getOrDefault(workload.replace("-sse", "").replace("-cdi", ""), byTarget)
                    .getOrDefault(SEED, List.of());
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |\n", workload, target,
                    number(median(runs, Result::deliveriesPerSecond), "%,.0f"), ratio(runs, seed, Result::deliveriesPerSecond),
                    number(median(runs, Result::cpuMicrosPerDelivery), "%.2f"), ratio(runs, seed, Result::cpuMicrosPerDelivery),
                    number(median(runs, Result::serverCores), "%.3f"),
                    number(median(runs, r -> r.p50Micros() / 1000.0), "%.2f"),
                    number(median(runs, r -> r.p99Micros() / 1000.0), "%.2f"), ratio(runs, seed, r -> r.p99Micros() / 1000.0),
                    number(median(runs, r -> r.rssPeakMb()), "%.0f"), runs.stream().mapToLong(Result::lost).sum()));
        }));
        if (!dashboards.isEmpty()) {
            out.append("\n### Slow dashboards: ").append(SlowDashboards.describe()).append("\n\n")
                    .append(SlowDashboards.Run.header()).append('\n');
            dashboards.forEach(run -> out.append(run.line()).append('\n'));
        }
        out.append("\n### Start-up: from the process's start to the first successful handshake\n\n");
        startUps.forEach((target, seconds) -> out.append(String.format(Locale.ROOT, "- %s: %.2f s%n", target, seconds)));
        out.append("\n### Targets (medians)\n\n");
        targets(byWorkload).forEach(line -> out.append("- ").append(line).append('\n'));
        return out.toString();
    }

    private static List<String> targets(Map<String, Map<String, List<Result>>> runs) {
        List<String> lines = new ArrayList<>();
        check(runs, lines, "fanout-1000", LIVE, "server CPU per delivery ≤ 0.2× the seed's", Result::cpuMicrosPerDelivery, 0.2, true);
        check(runs, lines, "fanout-1000", LIVE, "deliveries/s ≥ 3× the seed's", Result::deliveriesPerSecond, 3, false);
        lossAndOrder(runs, lines, "fanout-1000", LIVE);
        check(runs, lines, "fanout-100", LIVE, "server CPU per delivery ≤ 0.3× the seed's", Result::cpuMicrosPerDelivery, 0.3, true);
        check(runs, lines, "fanout-100", LIVE, "deliveries/s ≥ 2× the seed's", Result::deliveriesPerSecond, 2, false);
        for (String steady : List.of("steady-100", "steady-1000")) {
            check(runs, lines, steady, LIVE, "server CPU per delivery ≤ 0.7× the seed's", Result::cpuMicrosPerDelivery, 0.7, true);
            check(runs, lines, steady, LIVE, VERTX, "server CPU per delivery ≤ the Vert.x peer's", Result::cpuMicrosPerDelivery, 1, true);
            check(runs, lines, steady, LIVE, "p99 (ms) ≤ the seed's", r -> r.p99Micros() / 1000.0, 1, true);
            // Fired through CDI inside the application, against the seed's HTTP figures at the same rate.
            check(runs, lines, steady + "-cdi", LIVE, steady, SEED, "fired through CDI: server CPU per delivery ≤ 0.5×"
                    + " the seed's over HTTP", Result::cpuMicrosPerDelivery, 0.5, true);
            check(runs, lines, steady + "-cdi", LIVE, steady, SEED, "fired through CDI: p99 (ms) ≤ 0.5× the seed's over"
                    + " HTTP", r -> r.p99Micros() / 1000.0, 0.5, true);
        }
        check(runs, lines, "quiet", LIVE, "p50 (ms) ≤ the seed's", r -> r.p50Micros() / 1000.0, 1, true);
        check(runs, lines, "quiet", LIVE, "p99 (ms) ≤ the seed's", r -> r.p99Micros() / 1000.0, 1, true);
        check(runs, lines, "quiet", LIVE, "server CPU (cores) ≤ 3× the seed's", Result::serverCores, 3, true);
        absolute(runs, lines, "idle", LIVE, "server CPU ≤ 1% of a core", r -> r.serverCores() * 100, 1, "%");
        absolute(runs, lines, "fanout-1000", LIVE, "RSS peak with run.sh's defaults ≤ 400 MB", r -> r.rssPeakMb(), 400, " MB");
        for (String workload : List.of("fanout-1000", "fanout-100", "steady-100", "steady-1000")) {
            check(runs, lines, workload, PORTABLE, "portable path: server CPU per delivery ≤ the seed's", Result::cpuMicrosPerDelivery, 1, true);
        }
        Optional.ofNullable(runs.get("slow")).map(m -> m.get(LIVE)).ifPresent(slow -> {
            List<Result> baseline = Optional.ofNullable(runs.get("slow-baseline")).map(m -> m.get(LIVE)).orElse(List.of());
            double p99 = median(slow, r -> r.p99Micros());
            double base = median(baseline, r -> r.p99Micros());
            long lost = slow.stream().mapToLong(Result::lost).sum();
            lines.add(String.format(Locale.ROOT, "slow, %s: fast clients lost %d %s; their p99 %.2f ms vs %.2f ms without slow clients"
                    + " (%.2f×, target ≤ 1.5×) %s", LIVE, lost, lost == 0 ? "MET" : "MISSED", p99 / 1000, base / 1000,
                    p99 / base, p99 <= 1.5 * base ? "MET" : "MISSED"));
        });
        Optional.ofNullable(runs.get("connections")).ifPresent(byTarget -> byTarget.forEach((target, held) -> {
            long unheard = held.stream().mapToLong(Result::lost).sum();
            double bytes = median(held, r -> r.bytesPerConnection());
            lines.add(String.format(Locale.ROOT, "connections, %s: clients without a heartbeat %d; %,.0f B per idle connection (%s)"
                    + " (target ≤ 20 KB) %s", target, unheard, bytes, target.equals(SEED) ? "RSS" : "heap after full GC",
                    target.equals(SEED) ? "" : unheard == 0 && bytes <= 20_000 ? "MET" : "MISSED"));
        }));
        return lines;
    }

    private static void check(Map<String, Map<String, List<Result>>> runs, List<String> lines, String workload, String target,
                              String what, Figure figure, double factor, boolean atMost) {
        check(runs, lines, workload, target, workload, SEED, what, figure, factor, atMost);
    }

    private static void check(Map<String, Map<String, List<Result>>> runs, List<String> lines, String workload, String target,
                              String reference, String what, Figure figure, double factor, boolean atMost) {
        check(runs, lines, workload, target, workload, reference, what, figure, factor, atMost);
    }

    /** Compares {@code target}'s median of {@code figure} in {@code workload} with {@code factor} × {@code reference}'s in {@code against}. */
    private static void check(Map<String, Map<String, List<Result>>> runs, List<String> lines, String workload, String target,
                              String against, String reference, String what, Figure figure, double factor, boolean atMost) {
        List<Result> ourRuns = runs.getOrDefault(workload, Map.of()).get(target);
        List<Result> theirRuns = runs.getOrDefault(against, Map.of()).get(reference);
        if (ourRuns == null || theirRuns == null) {
            return;
        }
        double ours = median(ourRuns, figure);
        double seed = median(theirRuns, figure);
        boolean met = atMost ? ours <= factor * seed : ours >= factor * seed;
        lines.add(String.format(Locale.ROOT, "%s, %s: %s — %s vs %s (%.2f×) %s", workload, target, what, shown(ours),
                shown(seed), ours / seed, met ? "MET" : "MISSED"));
    }

    /** Compares {@code target}'s median of {@code figure} with a fixed {@code limit}. */
    private static void absolute(Map<String, Map<String, List<Result>>> runs, List<String> lines, String workload,
                                 String target, String what, Figure figure, double limit, String unit) {
        Optional.ofNullable(runs.get(workload)).map(m -> m.get(target)).ifPresent(list -> {
            double ours = median(list, figure);
            lines.add(String.format(Locale.ROOT, "%s, %s: %s — %s%s %s", workload, target, what, shown(ours), unit,
                    ours >= 0 && ours <= limit ? "MET" : "MISSED"));
        });
    }

    private static void lossAndOrder(Map<String, Map<String, List<Result>>> runs, List<String> lines, String workload, String target) {
        Optional.ofNullable(runs.get(workload)).map(m -> m.get(target)).ifPresent(list -> {
            long lost = list.stream().mapToLong(Result::lost).sum();
            long disorder = list.stream().mapToLong(r -> r.outOfOrder() + r.duplicated()).sum();
            lines.add(String.format(Locale.ROOT, "%s, %s: 0 lost, 0 out of order — %d lost, %d out of order or duplicated %s",
                    workload, target, lost, disorder, lost == 0 && disorder == 0 ? "MET" : "MISSED"));
        });
    }

    /** The median of {@code figure} over the runs where it applies; -1 if it applies to none. */
    static double median(List<Result> runs, Figure figure) {
        double[] values = new double[runs.size()];
        int count = 0;
        for (Result run : runs) {
            double value = figure.of(run);
            if (value >= 0) {
                values[count++] = value;
            }
        }
        if (count == 0) {
            return -1;
        }
        Arrays.sort(values, 0, count);
        int middle = count / 2;
        return count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String ratio(List<Result> runs, List<Result> seed, Figure figure) {
        double ours = median(runs, figure);
        double theirs = median(seed, figure);
        return ours < 0 || theirs <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", ours / theirs);
    }

    private static String shown(double value) {
        return value >= 1000 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, value < 0.1 ? "%.3f" : "%.2f", value);
    }

    private static String number(double value, String format) {
        return value < 0 ? "-" : String.format(Locale.ROOT, format, value);
    }

    private static String millis(long micros) {
        return micros < 0 ? "-" : String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

}
