package dev.activitylive.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
