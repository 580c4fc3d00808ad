package dev.activitylive.bench;

/**
 * One workload of the table. {@code fanout}: N clients, M events published over HTTP in batches of B, timed
 * from the first publish to the last delivery. {@code steady}: R events/s, one per publish, for T s. {@code slow}:
 * like steady, with the last K of N clients not reading; a {@code fired} steady workload has the events fired through
 * CDI inside the application by the bench producer instead of published over HTTP. {@code connections}: C idle clients held through two
 * heartbeats. {@code idle}: nothing at all for T s. {@code slow-dashboards}: {@link SlowDashboards}. A workload over the event stream runs only against servers that
 * have one.
 */
record Workload(String name, Kind kind, int clients, int events, int batch, int rate, int seconds, int slow,
                int eventBytes, boolean portableToo, boolean eventStream, boolean fired) {

    enum Kind {
        FANOUT, STEADY, SLOW, CONNECTIONS, IDLE, SLOW_DASHBOARDS
    }

    static Workload fanout(String name, int clients, int events, int batch) {
        return new Workload(name, Kind.FANOUT, clients, events, batch, 0, 0, 0, 200, true, false, false);
    }

    /** Like {@link #fanout}, the clients reading the Server-Sent Events stream (HTTP/1.1, as a browser does). */
    static Workload fanoutOverEventStream(String name, int clients, int events, int batch) {
        return new Workload(name, Kind.FANOUT, clients, events, batch, 0, 0, 0, 200, false, true, false);
    }

    static Workload steady(String name, int clients, int rate, int seconds) {
        return new Workload(name, Kind.STEADY, clients, rate * seconds, 1, rate, seconds, 0, 200, true, false, false);
    }

    /** Like {@link #steady}, each event fired with {@code Event.fire} by a bean inside the application. */
    static Workload steadyFired(String name, int clients, int rate, int seconds) {
        return new Workload(name, Kind.STEADY, clients, rate * seconds, 1, rate, seconds, 0, 200, false, false, true);
    }

    static Workload slow(String name, int clients, int slow, int rate, int seconds, int eventBytes) {
        return new Workload(name, Kind.SLOW, clients, rate * seconds, 1, rate, seconds, slow, eventBytes, false, false, false);
    }

    /** No client, no event, for {@code seconds}: what the server burns doing nothing. */
    static Workload idle(String name, int seconds) {
        return new Workload(name, Kind.IDLE, 0, 0, 0, 0, seconds, 0, 0, false, false, false);
    }

    /** {@link SlowDashboards}: latest-class events at 1,000/s to dashboards of which some read a tenth of them. */
    static Workload slowDashboards(String name) {
        return new Workload(name, Kind.SLOW_DASHBOARDS, SlowDashboards.FAST + SlowDashboards.SLOW, 0, 0, 0,
                SlowDashboards.SECONDS, SlowDashboards.SLOW, 0, false, false, false);
    }

    static Workload connections(String name, int clients) {
        return new Workload(name, Kind.CONNECTIONS, clients, 0, 0, 0, 0, 0, 0, false, false, false);
    }

    String describe() {
        return switch (kind) {
            case FANOUT -> "fanout N=" + clients + " M=" + events + " B=" + batch + (eventStream ? " (SSE)" : "");
            case STEADY -> "steady N=" + clients + " R=" + rate + "/s T=" + seconds + " s" + (fired ? " (CDI)" : "");
            case SLOW -> "slow N=" + clients + " K=" + slow + " R=" + rate + "/s T=" + seconds + " s, " + eventBytes + " B events";
            case CONNECTIONS -> "connections C=" + clients;
            case IDLE -> "idle T=" + seconds + " s";
            case SLOW_DASHBOARDS -> SlowDashboards.describe();
        };
    }
}
