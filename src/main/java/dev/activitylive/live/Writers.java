package dev.activitylive.live;

import dev.activitylive.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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

    private ExecutorService pool;

    @PostConstruct
    void start() {
        pool = Executors.newFixedThreadPool(settings.writerThreads(), threadFactory);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    @Override
    public void execute(Runnable drain) {
        pool.execute(drain);
    }
}
