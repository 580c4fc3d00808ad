package dev.activitylive.event;

/** Writes events as the protocol's JSON ({@link ProtocolJson}); reading is {@link ActivityEventReader}'s job. */
public final class ActivityEventJson {

    private ActivityEventJson() {
    }

    /** The event as one JSON text, ready to be a WebSocket text frame. */
    public static String write(ActivityEvent event) {
        return ProtocolJson.write(event);
    }
}
