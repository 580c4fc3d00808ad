package dev.activitylive.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the health checks report: ready only between start and stop; not alive if a timer died while running. */
class LivePhaseTest {

    @Test
    void readyOnlyWhileRunning() {
        LivePhase phase = new LivePhase();
        assertFalse(phase.ready(), "before the timers start");
        phase.running(List.of(new CompletableFuture<Void>()));
        assertTrue(phase.ready());
        phase.stopping();
        assertFalse(phase.ready(), "while shutting down");
    }

    @Test
    void notAliveWhenATimerHasEndedWhileRunning() {
        LivePhase phase = new LivePhase();
        CompletableFuture<Void> heartbeat = new CompletableFuture<>();
        phase.running(List.of(heartbeat, new CompletableFuture<Void>()));
        assertTrue(phase.alive());
        heartbeat.completeExceptionally(new OutOfMemoryError("test"));
        assertFalse(phase.alive());
        phase.stopping();
        assertTrue(phase.alive(), "timers cancelled on purpose while stopping");
    }
}
