package dev.activitylive.event;

/** The data of {@code heartbeat} and {@code connection_established} events: one text message. */
public record MessageData(String message) implements ActivityData {

    public MessageData {
        Require.present(message, "message");
    }
}
