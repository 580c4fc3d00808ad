package dev.activitylive.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activitylive.transport.Outbound;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 6455 framing of pre-encoded frames, at each boundary of the length encoding, and their joining. */
class FramesTest {

    @Test
    void shortPayloadsHaveATwoByteHeader() {
        assertArrayEquals(new byte[] {(byte) 0x81, 2, '{', '}'}, Frames.text("{}".getBytes(StandardCharsets.UTF_8)));
        byte[] frame = Frames.text(new byte[125]);
        assertEquals(127, frame.length);
        assertEquals(125, frame[1]);
    }

    @Test
    void payloadsFrom126To65535BytesHaveASixteenBitLength() {
        byte[] at126 = Frames.text(new byte[126]);
        assertArrayEquals(new byte[] {(byte) 0x81, 126, 0, 126}, Arrays.copyOf(at126, 4));
        assertEquals(4 + 126, at126.length);
        byte[] at65535 = Frames.text(new byte[65_535]);
        assertArrayEquals(new byte[] {(byte) 0x81, 126, (byte) 0xFF, (byte) 0xFF}, Arrays.copyOf(at65535, 4));
    }

    @Test
    void largerPayloadsHaveASixtyFourBitLength() {
        byte[] frame = Frames.text(new byte[65_536]);
        assertArrayEquals(new byte[] {(byte) 0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0}, Arrays.copyOf(frame, 10));
        assertEquals(10 + 65_536, frame.length);
    }

    @Test
    void theFrameCarriesTheUtf8OfTheJsonAndItsSizeIsTheFrames() {
        Outbound.Text text = Outbound.Text.of("{\"é\":1}");
        byte[] utf8 = "{\"é\":1}".getBytes(StandardCharsets.UTF_8);
        assertEquals(utf8.length, text.frame()[1]);
        assertArrayEquals(utf8, Arrays.copyOfRange(text.frame(), 2, text.frame().length));
        assertEquals(2 + utf8.length, text.size());
    }

    @Test
    void thePayloadStartsAfterTheHeaderOfEachLength() {
        assertEquals(2, Frames.payloadOffset(Frames.text(new byte[125])));
        assertEquals(4, Frames.payloadOffset(Frames.text(new byte[126])));
        assertEquals(4, Frames.payloadOffset(Frames.text(new byte[65_535])));
        assertEquals(10, Frames.payloadOffset(Frames.text(new byte[65_536])));
        assertEquals(2, Frames.payloadOffset(Outbound.Ping.FRAME.frame()));
    }

    @Test
    void theOpcodeTellsTextPingAndPongApart() {
        assertEquals(0x1, Frames.opcode(Outbound.Text.of("{}").frame()));
        assertEquals(0x9, Frames.opcode(Outbound.Ping.FRAME.frame()));
        assertEquals(0xA, Frames.opcode(Outbound.Pong.answering(new byte[] {1, 2}).frame()));
    }
}
