package dev.activitylive.app;

import dev.activitylive.config.ClusterMode;
import dev.activitylive.config.DerivedLoad;
import dev.activitylive.config.Setting;
import dev.activitylive.config.Settings;
import dev.activitylive.container.DefaultConcurrency;
import dev.activitylive.container.ServerKind;
import dev.activitylive.container.servers.ThisServer;
import dev.activitylive.fanout.Clients;
import dev.activitylive.fanout.Heartbeat;
import dev.activitylive.fanout.IdleReaper;
import dev.activitylive.fanout.LiveStream;
import dev.activitylive.fanout.Presence;
import dev.activitylive.load.LoadMonitor;
import dev.activitylive.metrics.LiveMetrics;
import dev.activitylive.publish.BodyWaits;
import dev.activitylive.stream.Broker;
import dev.activitylive.transport.QueueStats;
import dev.activitylive.transport.Transports;
import dev.activitylive.transport.Writers;
import dev.activitylive.wire.CloseReasons;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the heartbeat, the idle reaper and the derived load's timer when the application deploys (so a bad setting
 * fails the deployment, not the first connection) and, on undeploy or server stop, cancels them and closes every
 * client with 1001. Its {@link LivePhase} is what the health checks report.
 */
@ApplicationScoped
public class LiveLifecycle {

    private static final Logger LOG = Logger.getLogger(LiveLifecycle.class.getName());

    private ManagedScheduledExecutorService scheduler;

    @Inject
    Settings settings;

    @Inject
    Heartbeat heartbeat;

    @Inject
    IdleReaper idleReaper;

    @Inject
    Clients clients;

    @Inject
    Transports transports;

    @Inject
    LoadMonitor loadMonitor;

    @Inject
    LiveStream stream;

    @Inject
    LiveMetrics metrics;

    @Inject
    Writers writers;

    @Inject
    Presence presence;

    @Inject
    Broker broker;

    @Inject
    BodyWaits bodyWaits;

    /** How long the close frames of a stopping server get to go out before its listener closes (one round trip). */
    private static final Duration CLOSE_FRAMES_OUT = Duration.ofMillis(200);
    /** How long the exiting JVM waits for the drain: within run.sh's grace period of a second. */
    private static final Duration DRAIN_AT_MOST = Duration.ofMillis(800);
    /** How often, and how many times, a booting server is asked again for its configuration: two minutes at most. */
    private static final Duration CONFIGURATION_CHECK_EVERY = Duration.ofSeconds(5);
    private static final int CONFIGURATION_CHECKS = 24;

    private final LivePhase phase = new LivePhase();

    private final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();
    /** Runs when the JVM begins to exit, before the container undeploys the application (see drainBeforeExit). */
    private Thread drainOnExit;

    // Resolved at deployment: while the server stops, Payara's class loader of the application no longer loads
    // classes, so a class first needed at shutdown fails with NoClassDefFoundError.
    private final CloseReason shutdownReason = CloseReasons.SHUTDOWN;

    /** Starts everything for the web module of {@code context}; called once, as it starts ({@link WebModule}). */
    void start(ServletContext context) {
        // Looked up here, on the deployment's thread, where the application's java:comp resolves.
        scheduler = DefaultConcurrency.scheduler();
        writers.start(DefaultConcurrency.threadFactory());
        presence.start(DefaultConcurrency.threadFactory());
        ServerKind server = ServerKind.of(context);
        checkServer(server);
        transports.detect(context);
        bodyWaits.detect(context);
        // The stream starts here, or the deployment fails (a cluster without Hazelcast).
        int instances = broker.instances();
        timers.add(every("heartbeat", settings.heartbeatInterval(), heartbeat));
        timers.add(every("idle check", settings.idleCheckInterval(), idleReaper));
        timers.add(every("presence", Presence.TELL_EVERY, clients::tellPresence));
        timers.add(every("stuck-writer check", settings.idleCheckInterval(), writers::replaceStuck));
        if (settings.derivedLoad() == DerivedLoad.ON) {
            timers.add(every("derived load", settings.loadInterval(), loadMonitor));
        }
        registerGauges();
        // All of it made now, lambdas too: at shutdown a class not loaded yet may no longer load (see shutdownReason).
        BooleanSupplier closeListener = ThisServer.listenerCloser(context);
        Thread drain = new Thread(() -> drainBeforeExit(closeListener), "activity-live-drain");
        drain.setDaemon(true);
        drain.setContextClassLoader(LiveLifecycle.class.getClassLoader());
        drain.setUncaughtExceptionHandler((thread, failure) -> LOG.log(Level.FINE,
                "Draining before exit: the container was taking the application apart: {0}", failure.toString()));
        drainOnExit = new Thread(() -> runAtMost(drain, DRAIN_AT_MOST), "activity-live-exit");
        Runtime.getRuntime().addShutdownHook(drainOnExit);
        phase.running(timers);
        LOG.log(Level.INFO, "activity-live started: heartbeat every {0,number,#} ms, idle timeout {1,number,#} ms, "
                + "at most {2,number,#} clients, send path {3}, write delay {8,number,#} ms, stream epoch {4}, "
                + "derived load {5}, cluster {6} ({7} instances)",
                new Object[] {settings.heartbeatInterval().toMillis(), settings.clientTimeout().toMillis(),
                    settings.maxClients(), transports.describe(), stream.epoch(), settings.derivedLoad().word(),
                    settings.cluster().word(), instances, settings.writeDelay().toMillis()});
    }

    /**
     * Fails the deployment where a setting asks for what this server does not have, and says at once what to change
     * where the server's own configuration would break requests.
     */
    private void checkServer(ServerKind server) {
        if (settings.cluster() == ClusterMode.ON && !server.runsHazelcast()) {
            throw new IllegalStateException(Setting.CLUSTER.key() + "=on needs Payara's Hazelcast, and "
                    + server.product() + " has none: run the cluster on Payara Micro (docs/cluster.md), or set "
                    + Setting.CLUSTER.key() + "=off");
        }
        checkConfiguration(CONFIGURATION_CHECKS);
    }

    /** Says what of the server's own configuration breaks requests; while the server boots, asks again later. */
    private void checkConfiguration(int triesLeft) {
        if (ThisServer.stillBooting()) {
            if (triesLeft > 0) {
                scheduler.schedule(() -> checkConfiguration(triesLeft - 1), CONFIGURATION_CHECK_EVERY.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            return;
        }
        ThisServer.configurationProblem().ifPresent(problem -> LOG.severe(problem));
    }

    /** Stops everything, once: as the web module ends ({@link WebModule}), or else as the application scope ends. */
    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        if (timers.isEmpty()) {
            return; // stopped already, or never started: a bad setting stopped the deployment
        }
        phase.stopping();
        try {
            Runtime.getRuntime().removeShutdownHook(drainOnExit);
        } catch (IllegalStateException exiting) {
            // the JVM exits: the hook runs (or has run) and is no longer ours to remove
        }
        timers.forEach(timer -> timer.cancel(false));
        timers.clear();
        broker.stop();
        presence.stop();
        int open = clients.count();
        clients.closeAll(shutdownReason);
        LOG.log(Level.INFO, "activity-live stopped: timers cancelled, {0} clients closed", open);
    }

    /**
     * Ends the service before the container takes it apart: the container undeploys the application while its
     * listener still accepts, and answers what arrives meanwhile with its own pages. Readiness goes down, every
     * client gets 1001 (and so does every new one), and once the close frames are out the listener is closed, so
     * that what comes later is refused. Payara Micro waits {@code --shutdowngrace} before it undeploys (run.sh gives
     * it a second): this runs within it.
     */
    private void drainBeforeExit(BooleanSupplier closeListener) {
        // Without a grace period the container may already be taking the application apart: what fails then goes to
        // the thread's handler (start), and the container closes the clients itself (stop).
        phase.stopping();
        presence.stop();
        int open = clients.count();
        clients.closeAllFromNowOn(shutdownReason);
        try {
            Thread.sleep(CLOSE_FRAMES_OUT.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
        }
        boolean closed = closeListener.getAsBoolean();
        LOG.log(Level.INFO, "activity-live stopping: {0} clients closed with 1001{1}",
                new Object[] {open, closed ? ", HTTP listener closed" : ""});
    }

    /**
     * Runs {@code drain} and waits for it at most {@code atMost}: the JVM exits only once every shutdown hook has
     * returned, and the drain can hang — Payara's admin command for the listener waited for ever once Payara's own
     * shutdown had begun (Payara Micro 7.2025.1 without a grace period), and a process that ignored SIGTERM was left.
     * A drain still running is a daemon thread: it does not keep the JVM alive.
     */
    private static void runAtMost(Thread drain, Duration atMost) {
        drain.start();
        try {
            drain.join(atMost.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (drain.isAlive()) {
            LOG.log(Level.INFO, "activity-live stopping: the drain did not end within {0} ms; the server stops "
                    + "without it", atMost.toMillis());
        }
    }

    // Here, at deployment, so that they exist before the first client: the beans they read are made lazily.
    private void registerGauges() {
        metrics.gauge("clients", "connected clients, WebSocket and event stream", clients::count);
        QueueStats queues = clients.queueStats();
        metrics.gauge("queue_high_water_bytes", "the most bytes any one client has had queued",
                queues::highWaterBytes);
        metrics.gauge("dropped_frames", "frames dropped from slow clients' queues under drop-oldest, since start",
                queues::droppedFrames);
        metrics.gauge("conflated_frames", "pending frames of slow clients that gave way to a newer one of their kind, "
                + "since start", queues::conflatedFrames);
        metrics.gauge("client_writes", "writes handed to clients' connections since start, each with one frame or more",
                queues::writes);
        metrics.gauge("writers_pending", "client queues waiting for a writer thread or being written",
                writers::pending);
        metrics.gauge("history_events", "events kept for clients that resume", stream::historySize);
        metrics.gauge("history_bytes", "bytes the kept events hold (approximately)", stream::historyBytes);
        metrics.gauge("stuck_writers", "writer threads stuck in the container and replaced", writers::stuck);
        metrics.gauge("cluster_instances", "instances of the cluster this one sees (1 alone)", broker::instances);
        metrics.gauge("cluster_unsent", "events fired here that the cluster has not taken yet", broker::unsent);
    }

    /** Where the application is in its life: what readiness and liveness report. */
    public LivePhase phase() {
        return phase;
    }

    private ScheduledFuture<?> every(String name, Duration interval, Runnable task) {
        long millis = interval.toMillis();
        return scheduler.scheduleAtFixedRate(() -> runGuarded(name, task), millis, millis, TimeUnit.MILLISECONDS);
    }

    // A periodic task that throws is never run again: log and carry on instead.
    private static void runGuarded(String name, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, "The " + name + " failed", unexpected);
        }
    }
}
