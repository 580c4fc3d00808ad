package dev.activitylive.fanout;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client ids in the original's form, {@code ws-<epoch millis>-<7 base-36 characters>}, unique by construction: the
 * suffix is a counter (from a random start) scrambled by a bijection of the 36^7 seven-character values, so no two
 * connections of one server share an id and no lookup is needed to make sure. They are names, not secrets.
 */
final class ClientIds {

    private static final long SUFFIXES = 78_364_164_096L; // 36^7
    // Odd and not a multiple of 3, so multiplying by it permutes the residues mod 36^7 = 2^14 * 3^14; small
    // enough that the product never overflows a long.
    private static final long SCRAMBLE = 48_271L;

    private static final AtomicLong COUNTER = new AtomicLong(ThreadLocalRandom.current().nextLong(SUFFIXES));

    private ClientIds() {
    }

    static String next() {
        long suffix = Math.floorMod(COUNTER.getAndIncrement(), SUFFIXES) * SCRAMBLE % SUFFIXES;
        String base36 = Long.toString(suffix, 36);
        return "ws-" + System.currentTimeMillis() + "-" + "0".repeat(7 - base36.length()) + base36;
    }
}
