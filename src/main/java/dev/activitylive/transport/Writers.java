package dev.activitylive.transport;

import dev.activitylive.config.Settings;
import dev.activitylive.container.ReadLock;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The threads that drain client outboxes. A pool of our own on container-managed threads rather than the managed
 * executor, because Payara captures the application context anew for every task submitted there, which costs more
 * than the send itself; threads from the {@link ManagedThreadFactory} carry that context once, from creation.
 * <p>
 * A drain never waits on a socket, so one that runs for seconds is stuck inside the container: Tyrus's servlet
 * writer and the servlet container's read handler can deadlock when a write fails at the moment the peer's close
 * frame is being read (the raw-frame path avoids it under the reader's {@link ReadLock}; the portable path and
 * other container versions may still meet it). Such a thread never comes back, so each pass of the stuck-writer check
 * gives the pool another thread for every drain stuck longer than {@link #STUCK_NANOS}, up to
 * {@link #MAX_REPLACEMENTS}, and logs it once; the other clients never notice.
 * <p>
 * With a {@code write-delay-ms}, a drain waits that long before it runs, so the frames queued meanwhile share its
 * write: one timer per delay window for every client that became busy in it, not one per client.
 */
@ApplicationScoped
public class Writers implements Executor {

    private static final Logger LOG = Logger.getLogger(Writers.class.getName());

    /** A drain running this long is stuck: a healthy one queues a write and returns in microseconds. */
    static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** At most this many stuck threads are replaced; past that, liveness reports the application down. */
    static final int MAX_REPLACEMENTS = 8;

    @Inject
    Settings settings;

    private ThreadPoolExecutor pool;
    /** Drains of transports whose container may block a write: a thread each while they run, none when idle. */
    private ThreadPoolExecutor mayBlock;
    /** Runs the delayed drains, with a write delay; null without one. */
    private ScheduledThreadPoolExecutor timer;
    private long delayNanos;
    /** Drains waiting for the end of the current delay window. */
    private final Queue<Runnable> delayed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushDue = new AtomicBoolean();
    /** Each thread running a drain, and since when (System.nanoTime()). */
    private final Map<Thread, Long> runningSince = new ConcurrentHashMap<>();
    /** Threads stuck in a drain that the pool has been given a replacement for. */
    private final Set<Thread> replaced = ConcurrentHashMap.newKeySet();

    /** Starts the pool on threads of {@code threadFactory} (the container's managed ones); before any client. */
    public void start(ThreadFactory threadFactory) {
        int threads = settings.writerThreads();
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threadFactory) {
            @Override
            protected void beforeExecute(Thread thread, Runnable drain) {
                runningSince.put(thread, System.nanoTime());
            }

            @Override
            protected void afterExecute(Runnable drain, Throwable failure) {
                runningSince.remove(Thread.currentThread());
                if (replaced.remove(Thread.currentThread())) {
                    resize(-1); // it came back after all: the extra thread is not needed any more
                }
            }
        };
        // Each client has at most one drain, or its close, running: twice the clients is a bound never reached.
        mayBlock = new ThreadPoolExecutor(0, Math.max(16, 2 * settings.maxClients()), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threadFactory);
        delayNanos = settings.writeDelay().toNanos();
        if (delayNanos > 0) {
            timer = new ScheduledThreadPoolExecutor(1, threadFactory);
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (pool != null) {
            pool.shutdownNow();
            mayBlock.shutdownNow();
        }
    }

    @Override
    public void execute(Runnable drain) {
        if (timer == null) {
            pool.execute(drain);
            return;
        }
        delayed.add(drain);
        // Read before the CAS, as in the outbox: the clients joining a window must not fight over the flag.
        if (!flushDue.get() && flushDue.compareAndSet(false, true)) {
            timer.schedule(this::flush, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Ends a delay window: its drains go to the pool; one that arrives meanwhile opens the next window. */
    private void flush() {
        flushDue.set(false);
        for (Runnable drain = delayed.poll(); drain != null; drain = delayed.poll()) {
            pool.execute(drain);
        }
    }

    /** Whether drains wait for a delay window ({@code write-delay-ms}): only this pool keeps those windows. */
    public boolean delaysWrites() {
        return timer != null;
    }

    /**
     * Where the drains of a transport run whose container may hold a write until the client reads (Open Liberty
     * 26.0.0.3 writes a non-blocking response synchronously): a thread of their own each, so that a client that does
     * not read holds only its own, never one that the other clients' drains need.
     */
    public Executor mayBlock() {
        return mayBlock;
    }

    /** Drains delayed, queued or running: 0 whenever no client has frames in flight; what the churn test and metrics read. */
    public int pending() {
        return delayed.size() + pool.getQueue().size() + pool.getActiveCount();
    }

    /** Threads stuck in a drain (and replaced): they hold one client each, and the pool one thread each. */
    public int stuck() {
        return replaced.size();
    }

    /** Whether as many threads are stuck as may be replaced: only a restart frees them. */
    public boolean exhausted() {
        return replaced.size() >= MAX_REPLACEMENTS;
    }

    /** Gives the pool a thread for every drain stuck longer than {@link #STUCK_NANOS}; run by a timer. */
    public void replaceStuck() {
        replaceStuck(System.nanoTime(), STUCK_NANOS);
    }

    /** Gives the pool a thread for every drain that has run longer than {@code stuckNanos} and has none yet. */
    void replaceStuck(long nowNanos, long stuckNanos) {
        runningSince.forEach((thread, since) -> {
            if (nowNanos - since > stuckNanos && !exhausted() && replaced.add(thread)) {
                resize(+1);
                LOG.log(Level.WARNING, "Writer thread {0} has been stuck in one write for {1} s, inside the "
                        + "container (a known deadlock of the WebSocket container, see the README): another thread "
                        + "takes its place, {2} of at most {3} replaced. Its stack: {4}",
                        new Object[] {thread.getName(), (nowNanos - since) / 1_000_000_000L, replaced.size(),
                            MAX_REPLACEMENTS, Arrays.stream(thread.getStackTrace()).limit(12)
                                .map(String::valueOf).collect(Collectors.joining(" <- "))});
            }
        });
    }

    private synchronized void resize(int by) {
        int size = pool.getCorePoolSize() + by;
        if (by > 0) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size);
        } else {
            pool.setCorePoolSize(size);
            pool.setMaximumPoolSize(size);
        }
    }
}
