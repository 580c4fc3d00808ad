package dev.activitylive.live;

import java.util.concurrent.ThreadLocalRandom;

/** Client ids in the original's form, {@code ws-<epoch millis>-<7 random base-36 characters>}. */
final class ClientIds {

    private static final long SEVEN_BASE36_DIGITS = 78_364_164_096L; // 36^7

    private ClientIds() {
    }

    static String next() {
        long random = ThreadLocalRandom.current().nextLong(SEVEN_BASE36_DIGITS);
        String suffix = Long.toString(random, 36);
        return "ws-" + System.currentTimeMillis() + "-" + "0".repeat(7 - suffix.length()) + suffix;
    }
}
