package dev.activitylive.wire;

/** RFC 6455 §5.2 framing of the only data frames a server of ours sends: single, unmasked, uncompressed text. */
public final class Frames {

    private static final int FIN_TEXT = 0x81;

    private Frames() {
    }

    /** One final text frame carrying {@code utf8}: a 2, 4 or 10 byte header by payload length, then the payload. */
    public static byte[] text(byte[] utf8) {
        int length = utf8.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) FIN_TEXT;
        if (header == 2) {
            frame[1] = (byte) length;
        } else if (header == 4) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            long wide = length;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (wide >>> (56 - 8 * i));
            }
        }
        System.arraycopy(utf8, 0, frame, header, length);
        return frame;
    }

    /** Where the payload of {@code frame} (a server frame, unmasked) starts: after its 2, 4 or 10 byte header. */
    public static int payloadOffset(byte[] frame) {
        int length = frame[1] & 0x7F;
        return length < 126 ? 2 : length == 126 ? 4 : 10;
    }

    /** The opcode of {@code frame}: 0x1 text, 0x9 ping, 0xA pong. */
    public static int opcode(byte[] frame) {
        return frame[0] & 0x0F;
    }
}
