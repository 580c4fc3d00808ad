package dev.activitylive.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.config.Settings;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A writer thread stuck in one drain is replaced, so other clients' drains still run; it shrinks back if it returns. */
class WritersTest {

    private final Writers writers = new Writers();
    private final CountDownLatch release = new CountDownLatch(1);
    /** The WARNING a replacement logs, kept here instead of printed into the build's output. */
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(Writers.class.getName());
    private final Handler keep = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    WritersTest() {
        log.setUseParentHandlers(false);
        log.addHandler(keep);
        writers.settings = Settings.read(key -> Optional.ofNullable(Map.of("activity.live.writer-threads", "1")
                .get(key)));
        writers.start(new TestThreads());
    }

    @AfterEach
    void stop() {
        release.countDown();
        writers.stop();
        log.removeHandler(keep);
        log.setUseParentHandlers(true);
    }

    @Test
    void aStuckDrainGetsItsThreadReplacedAndTheOthersRun() throws Exception {
        CountDownLatch stuckStarted = new CountDownLatch(1);
        writers.execute(() -> {
            stuckStarted.countDown();
            awaitQuietly(release);
        });
        assertTrue(stuckStarted.await(5, TimeUnit.SECONDS));
        CountDownLatch other = new CountDownLatch(1);
        writers.execute(other::countDown);
        assertFalse(other.await(200, TimeUnit.MILLISECONDS), "one thread, stuck: the next drain waits");

        writers.replaceStuck(System.nanoTime(), Long.MAX_VALUE);
        assertEquals(0, writers.stuck(), "not stuck long enough yet");
        writers.replaceStuck(System.nanoTime(), 0);
        writers.replaceStuck(System.nanoTime(), 0);
        assertEquals(1, writers.stuck(), "replaced once");
        assertEquals(1, logged.size(), "said once");
        assertEquals(Level.WARNING, logged.get(0).getLevel());
        assertTrue(other.await(5, TimeUnit.SECONDS), "the replacement runs the waiting drain");
        assertFalse(writers.exhausted());

        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        // Both eventually: the pool counts a thread active until just after afterExecute, where stuck() drops.
        while ((writers.stuck() > 0 || writers.pending() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, writers.stuck(), "it came back: no longer counted");
        assertEquals(0, writers.pending());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class TestThreads implements ManagedThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "test-writer");
            thread.setDaemon(true);
            return thread;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
        }
    }
}
