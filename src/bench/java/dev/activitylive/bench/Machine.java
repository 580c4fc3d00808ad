package dev.activitylive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the bench reports about the machine it ran on. */
final class Machine {

    /** Linux reports process CPU time in clock ticks of 1/100 s on every common configuration. */
    static final long CLOCK_TICKS = 100;

    private Machine() {
    }

    static String describe() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException unreadable) {
            // keep "?"
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MB max heap for the bench, JDK "
                + System.getProperty("java.version");
    }
}
