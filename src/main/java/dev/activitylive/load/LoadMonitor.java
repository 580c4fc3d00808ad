package dev.activitylive.load;

import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEvents;
import dev.activitylive.event.LoadChangeData;
import dev.activitylive.stream.Broker;
import dev.activitylive.stream.StreamEntry;
import dev.activitylive.stream.StreamSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Derives the cognitive load from the stream, like any other consumer of it: counts every event the stream delivers
 * (published on any instance) and, run by the timer every {@code activity.live.load.interval-ms}, fires a
 * {@code load_change} when the load has changed meaningfully since the last one it fired. So a burst of thousands of
 * memory operations gives at most one {@code load_change} per interval, and silence brings the load back down without
 * any event to trigger it. In a cluster only the instance that {@linkplain Broker#leads() leads} announces it, so
 * dashboards see one load.
 */
@ApplicationScoped
public class LoadMonitor implements Runnable, StreamSink {

    private static final LoadChangeData IDLE = LoadFormula.load(0, 0, 0);

    private final LoadTracker tracker = new LoadTracker();
    /** The load last announced; only the timer's one thread reads and writes it. */
    private LoadChangeData announced = IDLE;

    @Inject
    Event<ActivityEvent> events;

    @Inject
    Broker broker;

    /** Counts {@code entry}: only memory operations and the reasoning and session events feed the load. */
    @Override
    public void deliver(long id, StreamEntry entry) {
        switch (entry.type()) {
            case MEMORY_OPERATION -> tracker.countMemoryOperation(System.nanoTime());
            // Read as an object only for the rarer events whose fields count (another instance's: from its JSON).
            case REASONING_UPDATE, SESSION_EVENT -> entry.read().ifPresent(event -> tracker.record(event,
                    System.nanoTime()));
            default -> {
                // nothing else feeds the load
            }
        }
    }

    @Override
    public void restart(String epoch, long lastId, String why) {
        // the load is of the events seen, whatever their numbering
    }

    @Override
    public void run() {
        if (!broker.leads()) {
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
