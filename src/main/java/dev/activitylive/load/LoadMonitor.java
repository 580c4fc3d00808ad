package dev.activitylive.load;

import dev.activitylive.config.DerivedLoad;
import dev.activitylive.config.Settings;
import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEvents;
import dev.activitylive.event.LoadChangeData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/**
 * Derives the cognitive load from the event stream, like any other component would: observes every fired event
 * and, run by the timer every {@code activity.live.load.interval-ms}, fires a {@code load_change} when the load has
 * changed meaningfully since the last one it fired. So a burst of thousands of memory operations gives at most one
 * {@code load_change} per interval, and silence brings the load back down without any event to trigger it.
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

    void fired(@Observes ActivityEvent event) {
        record(event);
    }

    void firedAsync(@ObservesAsync ActivityEvent event) {
        record(event);
    }

    private void record(ActivityEvent event) {
        if (settings.derivedLoad() == DerivedLoad.ON) {
            tracker.record(event, System.nanoTime());
        }
    }

    @Override
    public void run() {
        LoadChangeData now = tracker.snapshot(System.nanoTime());
        if (LoadFormula.changedMeaningfully(announced, now)) {
            announced = now;
            events.fire(ActivityEvents.loadChange(now));
        }
    }
}
