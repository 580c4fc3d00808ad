package dev.activitylive.live;

import dev.activitylive.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The threads that drain client outboxes. A pool of our own on container-managed threads rather than the managed
 * executor, because Payara captures the application context anew for every task submitted there, which costs more
 * than the send itself; threads from the {@link ManagedThreadFactory} carry that context once, from creation.
 */
@ApplicationScoped
public class Writers implements Executor {

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    Settings settings;

    private ThreadPoolExecutor pool;

    @PostConstruct
    void start() {
        pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(settings.writerThreads(), threadFactory);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    @Override
    public void execute(Runnable drain) {
        pool.execute(drain);
    }

    /** Drains queued or running: 0 whenever no client has frames in flight; what the churn test and metrics read. */
    public int pending() {
        return pool.getQueue().size() + pool.getActiveCount();
    }
}
