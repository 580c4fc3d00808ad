package dev.activitylive.transport;

import dev.activitylive.wire.Frames;
import java.nio.charset.StandardCharsets;

/**
 * Something queued for one client: a text frame (built once, shared by every client it goes to), a ping, or the pong
 * that answers the client's ping. Each carries its complete RFC 6455 server frame, so the raw-frame path copies bytes
 * and encodes nothing per client.
 */
public sealed interface Outbound permits Outbound.Text, Outbound.Ping, Outbound.Pong {

    /** The whole frame as it goes on the wire: header, then payload; unmasked, as server frames are. */
    byte[] frame();

    /** What it weighs in a client's queue, in bytes: the frame's size. */
    default long size() {
        return frame().length;
    }

    /**
     * A JSON text message: the string for the portable path, the encoded frame for the raw one and, made the first
     * time an event-stream client needs it and shared from then on, its {@code text/event-stream} event. Messages of
     * the stream carry their position, which becomes the event's {@code id: <epoch>:<id>} line.
     */
    public static final class Text implements Outbound {

        private final String json;
        private final byte[] frame;
        /** The stream's epoch and id this message is at; null and -1 for a message outside the stream. */
        private final String epoch;
        private final long id;
        private volatile byte[] event;

        private Text(String json, String epoch, long id) {
            this.json = json;
            this.frame = Frames.text(json.getBytes(StandardCharsets.UTF_8));
            this.epoch = epoch;
            this.id = id;
        }

        /** Encodes {@code json} once; the result is shared by every recipient. */
        public static Text of(String json) {
            return new Text(json, null, -1);
        }

        /** A message at event {@code id} of stream {@code epoch}: where a client resumes from after it. */
        public static Text at(String json, String epoch, long id) {
            return new Text(json, epoch, id);
        }

        public String json() {
            return json;
        }

        @Override
        public byte[] frame() {
            return frame;
        }

        /** This message as one event of a {@code text/event-stream}; compact JSON holds no line break. */
        public byte[] event() {
            byte[] encoded = event;
            if (encoded == null) {
                String text = epoch == null ? "data: " + json + "\n\n"
                        : "id: " + epoch + ":" + id + "\ndata: " + json + "\n\n";
                encoded = text.getBytes(StandardCharsets.UTF_8);
                event = encoded; // a race makes two equal arrays, which is harmless
            }
            return encoded;
        }
    }

    /** The answer to a client's ping: a pong control frame carrying the ping's payload (at most 125 bytes). */
    record Pong(byte[] payload, byte[] frame) implements Outbound {

        public static Pong answering(byte[] payload) {
            byte[] frame = new byte[2 + payload.length];
            frame[0] = (byte) 0x8A;
            frame[1] = (byte) payload.length;
            System.arraycopy(payload, 0, frame, 2, payload.length);
            return new Pong(payload, frame);
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
