package dev.activitylive.stream;

import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEventJson;
import dev.activitylive.event.ActivityEventReader;
import dev.activitylive.event.ActivityEventType;
import dev.activitylive.event.StrictJson;
import java.time.Instant;
import java.util.Optional;

/**
 * One event in the stream: its JSON as every client gets it (without the id the stream gives it), what the fan-out
 * filters on, and the event itself when it was published on this instance ({@code null} for another instance's).
 */
public record StreamEntry(ActivityEventType type, String userId, String json, ActivityEvent event) {

    /** The entry of an event published here: serialized once, for every consumer and client. */
    public static StreamEntry of(ActivityEvent event) {
        return new StreamEntry(event.type(), event.data().userId(), ActivityEventJson.write(event), event);
    }

    /** The entry of another instance's event: only its JSON and what it is filtered on travel between instances. */
    public static StreamEntry remote(ActivityEventType type, String userId, String json) {
        return new StreamEntry(type, userId, json, null);
    }

    /**
     * The event as an object: the one published here, or read back from its JSON (another instance's). Consumers ask
     * only for the few kinds whose fields they need; empty if the JSON does not read as an event.
     */
    public Optional<ActivityEvent> read() {
        if (event != null) {
            return Optional.of(event);
        }
        ActivityEventReader.Result result = ActivityEventReader.read(StrictJson.parse(json), "$", Instant::now);
        return result.valid() ? Optional.of(result.event()) : Optional.empty();
    }
}
