package dev.activitylive.fanout;

import dev.activitylive.event.ActivityEventType;
import dev.activitylive.event.StrictJson;
import dev.activitylive.transport.Outbound;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;

/**
 * A broadcast event as the history keeps it: what a replay filters on, and its frame, shared with the live send. The
 * string fields of its data that a {@link DataFilter} narrows by are read from its JSON the first time a client with
 * a filter asks, and kept.
 */
final class StreamedEvent {

    private final ActivityEventType type;
    private final String userId;
    private final Outbound.Text frame;
    /** What it gives way to a newer event by in a slow client's queue; null if it never does. */
    private final String conflationKey;
    private volatile Map<String, String> fields;

    StreamedEvent(ActivityEventType type, String userId, Outbound.Text frame, String conflationKey) {
        this.type = type;
        this.userId = userId;
        this.frame = frame;
        this.conflationKey = conflationKey;
    }

    ActivityEventType type() {
        return type;
    }

    String userId() {
        return userId;
    }

    Outbound.Text frame() {
        return frame;
    }

    String conflationKey() {
        return conflationKey;
    }

    /** The data's fields a filter narrows by, those that are strings: field → value. */
    Map<String, String> fields() {
        Map<String, String> read = fields;
        if (read == null) {
            read = new HashMap<>();
            JsonValue data = StrictJson.parse(frame.json()).asJsonObject().get("data");
            if (data instanceof JsonObject object) {
                for (String field : DataFilter.FIELDS) {
                    if (object.get(field) instanceof JsonString value) {
                        read.put(field, value.getString());
                    }
                }
            }
            fields = read; // a race reads it twice, the same
        }
        return read;
    }

    /** What it holds in memory, roughly: the frame, the JSON string beside it, and the objects around them. */
    long weight() {
        return frame.frame().length + frame.json().length() + 96L;
    }
}
