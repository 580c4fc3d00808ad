package dev.activitylive.event;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The data of a {@code session_event} event. {@code userId} is optional: {@code null} means absent. */
@JsonbPropertyOrder({"event", "sessionId", "userId"})
public record SessionEventData(SessionEventKind event, String sessionId, String userId) implements ActivityData {

    public SessionEventData {
        Require.present(event, "event");
        Require.present(sessionId, "sessionId");
    }
}
