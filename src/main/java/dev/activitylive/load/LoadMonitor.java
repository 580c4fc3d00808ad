package dev.activitylive.load;

import dev.activitylive.cluster.ClusterStream;
import dev.activitylive.config.ClusterMode;
import dev.activitylive.config.DerivedLoad;
import dev.activitylive.config.Settings;
import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEventReader;
import dev.activitylive.event.ActivityEventType;
import dev.activitylive.event.ActivityEvents;
import dev.activitylive.event.LoadChangeData;
import dev.activitylive.event.StrictJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Derives the cognitive load from the event stream, like any other component would: observes every fired event
 * and, run by the timer every {@code activity.live.load.interval-ms}, fires a {@code load_change} when the load has
 * changed meaningfully since the last one it fired. So a burst of thousands of memory operations gives at most one
 * {@code load_change} per interval, and silence brings the load back down without any event to trigger it.
 * <p>
 * In a cluster the load is the cluster's: every instance counts every instance's events as the cluster's stream
 * delivers them ({@link #recordFromCluster}), and only the oldest member announces it, so dashboards see one load.
 */
@ApplicationScoped
public class LoadMonitor implements Runnable {

    private static final LoadChangeData IDLE = LoadFormula.load(0, 0, 0);

    private final LoadTracker tracker = new LoadTracker();
    /** The load last announced; only the timer's one thread reads and writes it. */
    private LoadChangeData announced = IDLE;

    @Inject
    Settings settings;

    @Inject
    Event<ActivityEvent> events;

    @Inject
    ClusterStream cluster;

    void fired(@Observes ActivityEvent event) {
        record(event);
    }

    void firedAsync(@ObservesAsync ActivityEvent event) {
        record(event);
    }

    private void record(ActivityEvent event) {
        if (settings.derivedLoad() == DerivedLoad.ON && settings.cluster() == ClusterMode.OFF) {
            tracker.record(event, System.nanoTime());
        }
    }

    /** In a cluster: an event of any instance, as the cluster's stream delivered it here. */
    public void recordFromCluster(ActivityEventType type, String json) {
        switch (type) {
            case MEMORY_OPERATION -> tracker.countMemoryOperation(System.nanoTime());
            case REASONING_UPDATE, SESSION_EVENT -> {
                // Read back only for the rarer events whose fields count; it was valid when it was fired.
                ActivityEventReader.Result read = ActivityEventReader.read(StrictJson.parse(json), "$", Instant::now);
                if (read.valid()) {
                    tracker.record(read.event(), System.nanoTime());
                }
            }
            default -> {
                // nothing else feeds the load
            }
        }
    }

    @Override
    public void run() {
        if (!cluster.leads()) {
            announced = IDLE; // if this instance comes to lead, it announces the load it sees then
            return;
        }
        LoadChangeData now = tracker.snapshot(System.nanoTime());
        if (LoadFormula.changedMeaningfully(announced, now)) {
            announced = now;
            events.fire(ActivityEvents.loadChange(now));
        }
    }
}
