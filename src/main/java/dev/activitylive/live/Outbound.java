package dev.activitylive.live;

/** Something queued for one client: a text frame (shared by every client it goes to) or a ping. */
sealed interface Outbound permits Outbound.Text, Outbound.Ping {

    /** What it weighs in a client's queue, in bytes. */
    long size();

    /** A JSON text frame, serialized once and handed to every recipient as the same object. */
    record Text(String json) implements Outbound {
        @Override
        public long size() {
            return json.length();
        }
    }

    /** A WebSocket ping control frame with an empty payload. */
    enum Ping implements Outbound {
        FRAME;

        @Override
        public long size() {
            return 2; // the frame's header
        }
    }
}
