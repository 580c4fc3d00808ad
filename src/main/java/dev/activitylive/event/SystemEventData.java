package dev.activitylive.event;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The data of a {@code system_event} event. {@code status} and {@code message} are optional: {@code null} means absent. */
@JsonbPropertyOrder({"event", "status", "message"})
public record SystemEventData(SystemEventKind event, String status, String message) implements ActivityData {

    public SystemEventData {
        Require.present(event, "event");
    }
}
