package dev.activitylive.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With a write delay, the drains handed over within one window run together at its end, in the order given. */
class DelayedWritersTest {

    private final Writers writers = new Writers();

    DelayedWritersTest() {
        writers.settings = Settings.read(key -> Optional.ofNullable(Map.of("activity.live.writer-threads", "1",
                "activity.live.write-delay-ms", "2000").get(key)));
        writers.start(Executors.defaultThreadFactory());
    }

    @AfterEach
    void stop() {
        writers.stop();
    }

    @Test
    void drainsWaitForTheEndOfTheirWindowAndThenRunInOrder() throws Exception {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(50);
        for (int i = 0; i < 50; i++) {
            int drain = i;
            writers.execute(() -> {
                ran.add(drain);
                all.countDown();
            });
        }
        assertEquals(List.of(), ran, "none runs before its window ends");
        assertEquals(50, writers.pending(), "the delayed drains count as pending");
        assertTrue(all.await(10, TimeUnit.SECONDS));
        assertEquals(java.util.stream.IntStream.range(0, 50).boxed().toList(), ran);

        CountDownLatch next = new CountDownLatch(1);
        writers.execute(next::countDown);
        assertTrue(next.await(10, TimeUnit.SECONDS), "a drain after a window opens the next one");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writers.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, writers.pending());
    }
}
