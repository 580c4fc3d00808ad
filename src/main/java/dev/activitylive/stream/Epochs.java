package dev.activitylive.stream;

import java.util.concurrent.ThreadLocalRandom;

/** Names of a stream's epochs, which change whenever continuity is lost. */
public final class Epochs {

    private Epochs() {
    }

    /** A new epoch: unlikely ever to be made twice. */
    public static String next() {
        return Long.toString(System.currentTimeMillis(), 36) + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }
}
