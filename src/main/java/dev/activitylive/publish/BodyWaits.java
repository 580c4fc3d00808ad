package dev.activitylive.publish;

import dev.activitylive.config.Setting;
import dev.activitylive.config.Settings;
import dev.activitylive.container.BodyReadTimeout;
import dev.activitylive.container.BodyReadTimeout.ReadTimeout;
import dev.activitylive.container.servers.ThisServer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Reads a publish body that had not all arrived with the request's head, on the request's own thread: within
 * {@code publish.body-timeout-ms} (408 past it), and for at most {@code publish.max-body-waits} requests at once (503
 * beyond), so publishers that send slowly, or never finish, hold no more container threads than that. Not with a
 * {@code ReadListener}: on Payara an asynchronous read races the dispatch that started it (architecture.md,
 * container workarounds).
 */
@ApplicationScoped
public class BodyWaits {

    private static final int CHUNK = 8192;

    @Inject
    Settings settings;

    private Semaphore waits;
    private Optional<BodyReadTimeout> readTimeouts = Optional.empty();

    @PostConstruct
    void init() {
        waits = new Semaphore(settings.publishMaxBodyWaits());
    }

    /** Finds, at deployment, how the container lets a read wait less than its own read timeout. */
    public void detect(ServletContext context) {
        readTimeouts = ThisServer.bodyReadTimeout(context);
    }

    /** Reads the rest of {@code request}'s body (at most {@code limit} bytes), then answers what {@code publish} makes of it. */
    PublishOutcome readThen(HttpServletRequest request, int limit, Function<byte[], PublishOutcome> publish) {
        if (!waits.tryAcquire()) {
            return new PublishOutcome.Busy(settings.publishMaxBodyWaits() + " publish requests are waiting for their"
                    + " bodies (" + Setting.PUBLISH_MAX_BODY_WAITS.key() + "): send again later");
        }
        byte[] body;
        try (ReadTimeout readTimeout = readTimeouts.map(found -> found.of(request)).orElse(ReadTimeout.NONE)) {
            body = read(request.getInputStream(), limit, request.getContentLengthLong(), readTimeout);
        } catch (IOException notWhole) {
            // Past the deadline, or the connection failed: either way the body will not be whole.
            return new PublishOutcome.BodyNotReceived("request body not received within "
                    + settings.publishBodyTimeout().toMillis() + " ms (" + Setting.PUBLISH_BODY_TIMEOUT_MS.key() + ")");
        } finally {
            waits.release();
        }
        return publish.apply(body);
    }

    private byte[] read(ServletInputStream in, int limit, long declared, ReadTimeout readTimeout) throws IOException {
        long deadline = System.nanoTime() + settings.publishBodyTimeout().toNanos();
        int most = limit + 1; // one more than allowed tells that it is too large
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(declared > 0 ? (int) Math.min(declared, most) : CHUNK);
        byte[] chunk = new byte[CHUNK];
        while (bytes.size() < most) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("past the body's deadline");
            }
            readTimeout.waitAtMost(Duration.ofNanos(left));
            int read = in.read(chunk, 0, Math.min(chunk.length, most - bytes.size()));
            if (read < 0) {
                break;
            }
            bytes.write(chunk, 0, read);
        }
        return bytes.toByteArray();
    }
}
