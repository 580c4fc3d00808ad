package dev.activitylive.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The client message rate: a burst of up to the rate, then the rate on average. */
class MessageRateTest {

    private static final long MS = 1_000_000L;

    @Test
    void aBurstOfTheRateIsAdmittedAndTheNextIsNot() {
        MessageRate rate = new MessageRate(5, 0);
        for (int i = 0; i < 5; i++) {
            assertTrue(rate.admit(0), "message " + i);
        }
        assertFalse(rate.admit(0));
    }

    @Test
    void tokensComeBackWithTimeUpToTheBurst() {
        MessageRate rate = new MessageRate(5, 0);
        for (int i = 0; i < 5; i++) {
            rate.admit(0);
        }
        assertFalse(rate.admit(100 * MS), "half a message earned");
        assertTrue(rate.admit(200 * MS), "one message earned after 1/5 s");
        assertFalse(rate.admit(200 * MS));
        long muchLater = 60_000 * MS;
        for (int i = 0; i < 5; i++) {
            assertTrue(rate.admit(muchLater), "message " + i + " of a new burst");
        }
        assertFalse(rate.admit(muchLater), "a minute of silence earns no more than one burst");
    }

    @Test
    void aSteadyClientAtTheRateIsNeverRefused() {
        MessageRate rate = new MessageRate(20, 0);
        for (int i = 0; i < 1_000; i++) {
            assertTrue(rate.admit(i * 50 * MS), "message " + i);
        }
    }
}
