package dev.activitylive.container.payara;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activitylive.wire.Frames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The seam's fallback: where Tyrus's classes are not there (another server) detection finds nothing, so every
 * connection gets the portable path. That it finds them in Payara 6 and 7 is proven by the integration tests,
 * whose clients report {@code raw-frames}.
 */
class RawFramesTest {

    @Test
    void withoutTyrusThereAreNoRawFrames() {
        ClassLoader noTyrus = new ClassLoader(null) {
        };
        assertEquals(Optional.empty(), RawFrames.detect(noTyrus));
    }

    @Test
    void aWriteJoinsFramesBackToBack() {
        byte[] text = Frames.text("{}".getBytes(StandardCharsets.UTF_8));
        ByteBuffer joined = RawFrames.join(List.of(text, new byte[] {(byte) 0x89, 0}, text));
        assertArrayEquals(new byte[] {(byte) 0x81, 2, '{', '}', (byte) 0x89, 0, (byte) 0x81, 2, '{', '}'},
                Arrays.copyOfRange(joined.array(), joined.position(), joined.limit()));
    }
}
