package dev.activitylive.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The threads of a server process, for the record of a test that found it hung. */
public final class Threads {

    private Threads() {
    }

    /** {@code jstack PID} into the test output. */
    public static void print(long pid) {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        try {
            Process dump = new ProcessBuilder(jstack.toString(), Long.toString(pid)).redirectErrorStream(true).start();
            System.out.println(new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            dump.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException unavailable) {
            System.out.println("(no thread dump of " + pid + ": " + unavailable + ")");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
