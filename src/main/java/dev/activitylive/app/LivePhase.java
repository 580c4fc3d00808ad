package dev.activitylive.app;

import java.util.List;
import java.util.concurrent.Future;

/**
 * Where activity-live is in its life, for the health checks: ready from the moment its timers run until it starts
 * stopping; alive unless one of its timers has died while it runs (a periodic task stops for good when it throws
 * an Error), which only a restart repairs.
 */
public final class LivePhase {

    private volatile List<? extends Future<?>> timers = List.of();
    private volatile boolean running;

    void running(List<? extends Future<?>> started) {
        timers = List.copyOf(started);
        running = true;
    }

    void stopping() {
        running = false;
    }

    /** Accepting connections and running its timers; false before they start and from the moment it stops. */
    public boolean ready() {
        return running;
    }

    /** False only if it runs and a timer that should be running has ended. */
    public boolean alive() {
        return !running || timers.stream().noneMatch(Future::isDone);
    }
}
