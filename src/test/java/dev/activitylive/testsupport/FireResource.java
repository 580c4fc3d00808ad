package dev.activitylive.testsupport;

import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEvents;
import dev.activitylive.event.MemoryOperation;
import dev.activitylive.event.MemoryOperationData;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Test-only, deployed into the test WAR: an in-container component that fires {@link ActivityEvent}s through CDI,
 * as the application's other components would. Each of {@code producers} threads fires {@code count}
 * {@code memory_operation} events whose {@code memoryId} is {@code <producer>-<sequence>}, so a client can check
 * completeness and per-producer order. {@code pauseMillis} spreads the events over time.
 */
@Path("fire")
@RequestScoped
public class FireResource {

    @Inject
    Event<ActivityEvent> events;

    @POST
    public String fire(@QueryParam("count") @DefaultValue("1") int count,
                       @QueryParam("producers") @DefaultValue("1") int producers,
                       @QueryParam("async") @DefaultValue("false") boolean async,
                       @QueryParam("user") @DefaultValue("user-1") String user,
                       @QueryParam("pauseMillis") @DefaultValue("0") int pauseMillis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                done.add(pool.submit(() -> {
                    fireAll(producer, count, async, user, pauseMillis);
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return "fired " + count * producers;
    }

    private void fireAll(int producer, int count, boolean async, String user, int pauseMillis)
            throws InterruptedException {
        List<CompletableFuture<ActivityEvent>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ActivityEvent event = ActivityEvents.memoryOperation(new MemoryOperationData(
                    MemoryOperation.STORE, producer + "-" + i, user, "test", true, (double) i));
            if (async) {
                pending.add(events.fireAsync(event).toCompletableFuture());
            } else {
                events.fire(event);
            }
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
        }
        pending.forEach(CompletableFuture::join);
    }
}
