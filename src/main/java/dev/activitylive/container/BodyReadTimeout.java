package dev.activitylive.container;

import jakarta.servlet.ServletRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds each blocking read of a request body: the Servlet API has no read timeout, and a blocking read waits for the
 * container's own (Grizzly's 30 s on Payara; none on WildFly unless its listener has one), whatever
 * {@code publish.body-timeout-ms} says. Done on the request's connection, through the container's classes (Payara's
 * or WildFly's, found by {@code ThisServer}); elsewhere each read waits at most the container's own read timeout.
 */
public interface BodyReadTimeout {

    /**
     * The read timeout of {@code request}'s connection, to be set before each blocking read of its body and put back
     * when the body is read; a no-op for an HTTP/2 stream, whose connection the other streams share.
     */
    ReadTimeout of(ServletRequest request);

    /** One connection's read timeout while a body is read; closing it restores the connection's own. */
    interface ReadTimeout extends AutoCloseable {

        /** Where the container's own read timeout applies. */
        ReadTimeout NONE = new ReadTimeout() {
            @Override
            public void waitAtMost(Duration within) {
            }

            @Override
            public void close() {
            }
        };

        /** The next blocking read waits at most {@code within}. */
        void waitAtMost(Duration within);

        @Override
        void close();

        /** A connection's read timeout, in milliseconds, set through {@code set}; closing sets {@code before} again. */
        static ReadTimeout through(Setter set, long before) {
            return new ReadTimeout() {
                @Override
                public void waitAtMost(Duration within) {
                    apply(Math.max(1, within.toMillis()));
                }

                @Override
                public void close() {
                    apply(before);
                }

                private void apply(long millis) {
                    try {
                        set.set(millis);
                    } catch (Throwable gone) {
                        Logger.getLogger(BodyReadTimeout.class.getName()).log(Level.FINE, "Read timeout not set: {0}",
                                gone.toString());
                    }
                }
            };
        }
    }

    /** Sets one connection's read timeout through the container's classes. */
    @FunctionalInterface
    interface Setter {
        void set(long millis) throws Throwable;
    }
}
