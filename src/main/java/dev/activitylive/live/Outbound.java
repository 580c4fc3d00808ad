package dev.activitylive.live;

/** Something queued for one client: a text frame (shared by every client it goes to) or a ping. */
sealed interface Outbound permits Outbound.Text, Outbound.Ping {

    /** A JSON text frame, serialized once and handed to every recipient as the same object. */
    record Text(String json) implements Outbound {
    }

    /** A WebSocket ping control frame with an empty payload. */
    enum Ping implements Outbound {
        FRAME
    }
}
