package dev.activitylive.live;

import java.nio.charset.StandardCharsets;

/**
 * Something queued for one client: a text frame (built once, shared by every client it goes to) or a ping. Each
 * carries its complete RFC 6455 server frame, so the raw-frame path copies bytes and encodes nothing per client.
 */
sealed interface Outbound permits Outbound.Text, Outbound.Ping {

    /** The whole frame as it goes on the wire: header, then payload; unmasked, as server frames are. */
    byte[] frame();

    /** What it weighs in a client's queue, in bytes: the frame's size. */
    default long size() {
        return frame().length;
    }

    /** A JSON text message: the string for the portable path, the encoded frame for the raw one. */
    record Text(String json, byte[] frame) implements Outbound {

        /** Encodes {@code json} once; the result is shared by every recipient. */
        static Text of(String json) {
            return new Text(json, Frames.text(json.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** A WebSocket ping control frame with an empty payload. */
    enum Ping implements Outbound {
        FRAME;

        private static final byte[] BYTES = {(byte) 0x89, 0x00};

        @Override
        public byte[] frame() {
            return BYTES;
        }
    }
}
