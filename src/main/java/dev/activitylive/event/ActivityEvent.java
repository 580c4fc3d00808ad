package dev.activitylive.event;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One event of the live stream, as fired by other components and as sent to clients. The timestamp is kept to the
 * millisecond, the precision of the wire, so an event equals itself after a trip through JSON.
 */
@JsonbPropertyOrder({"type", "timestamp", "data"})
public record ActivityEvent(ActivityEventType type, Instant timestamp, ActivityData data) {

    public ActivityEvent {
        Require.present(type, "type");
        Require.present(data, "data");
        timestamp = Require.present(timestamp, "timestamp").truncatedTo(ChronoUnit.MILLIS);
        if (!type.dataType().isInstance(data)) {
            throw new IllegalArgumentException("a " + type.wireName() + " event carries "
                    + type.dataType().getSimpleName() + ", not " + data.getClass().getSimpleName());
        }
    }
}
