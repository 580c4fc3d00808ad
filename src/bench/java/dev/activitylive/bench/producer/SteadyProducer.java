package dev.activitylive.bench.producer;

import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEvents;
import dev.activitylive.event.MemoryOperation;
import dev.activitylive.event.MemoryOperationData;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fires {@code count} memory operations at {@code rate} per second from one container thread with
 * {@code Event.fire}, the way the integration guide shows. Event s is due at start + s/rate; a producer that falls
 * behind fires at once. Each event's {@code memoryId} is "bench:SEQ:NANOS" like the benchmark's HTTP events:
 * {@code System.nanoTime()} is one clock for every process of a Linux machine (CLOCK_MONOTONIC), so the benchmark's
 * clients measure fire → receive across the two JVMs.
 */
@ApplicationScoped
public class SteadyProducer {

    /** What the producer has done: events fired so far, whether it still runs, seconds from first to last fire. */
    public record Progress(long fired, boolean running, double seconds) {
    }

    @Inject
    Event<ActivityEvent> activity;

    @Resource
    ManagedExecutorService threads;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong fired = new AtomicLong();
    private volatile long startNanos;
    private volatile long lastNanos;

    /** Starts a run unless one is running; false if one is. */
    public boolean start(int rate, int count, int bytes) {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        fired.set(0);
        startNanos = System.nanoTime();
        lastNanos = startNanos;
        threads.execute(() -> {
            try {
                fire(rate, count, bytes);
            } finally {
                running.set(false);
            }
        });
        return true;
    }

    public Progress progress() {
        return new Progress(fired.get(), running.get(), (lastNanos - startNanos) / 1e9);
    }

    private void fire(int rate, int count, int bytes) {
        long interval = 1_000_000_000L / rate;
        String padding = "x".repeat(Math.max(0, bytes - 150));
        for (int seq = 0; seq < count; seq++) {
            long wait = startNanos + seq * interval - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            activity.fire(ActivityEvents.memoryOperation(new MemoryOperationData(MemoryOperation.STORE,
                    "bench:" + seq + ":" + System.nanoTime(), "bench-user", padding, true, null)));
            fired.incrementAndGet();
            lastNanos = System.nanoTime();
        }
    }
}
