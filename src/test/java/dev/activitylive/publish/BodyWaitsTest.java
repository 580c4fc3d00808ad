package dev.activitylive.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.activitylive.config.Settings;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** BodyWaits without a container: whole bodies in pieces, the bound on waiting requests, the deadline between reads. */
class BodyWaitsTest {

    private static final byte[] BODY = "[{\"type\":\"memory_operation\"}]".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBodyInPiecesIsReadWholeAndHandedOn() {
        BodyWaits waits = waits(Map.of());
        PublishOutcome outcome = waits.readThen(request(new Pieces(BODY, 5, 0, null)), 1000,
                bytes -> {
                    assertArrayEquals(BODY, bytes);
                    return new PublishOutcome.Accepted(1);
                });
        assertEquals(new PublishOutcome.Accepted(1), outcome);
    }

    @Test
    void oneMoreThanMaxBodyWaitsIsRefusedAtOnceAndThePlaceIsFreeAgainAfterwards() throws Exception {
        BodyWaits waits = waits(Map.of("activity.live.publish.max-body-waits", "1"));
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<PublishOutcome> first = CompletableFuture.supplyAsync(() -> waits.readThen(
                request(new Pieces(BODY, 5, 0, () -> {
                    reading.countDown();
                    await(go);
                })), 1000, bytes -> new PublishOutcome.Accepted(1)));
        assertEquals(true, reading.await(10, TimeUnit.SECONDS));

        PublishOutcome second = waits.readThen(request(new Pieces(BODY, 5, 0, null)), 1000,
                bytes -> new PublishOutcome.Accepted(1));
        assertInstanceOf(PublishOutcome.Busy.class, second);
        assertEquals(503, second.status());
        assertEquals("1", second.headers().get("Retry-After"));

        go.countDown();
        assertEquals(new PublishOutcome.Accepted(1), first.get(10, TimeUnit.SECONDS));
        assertEquals(new PublishOutcome.Accepted(1), waits.readThen(request(new Pieces(BODY, 5, 0, null)), 1000,
                bytes -> new PublishOutcome.Accepted(1)), "the place is free again");
    }

    @Test
    void aBodyStillComingAtTheDeadlineIsAnswered408AndNotPublished() {
        BodyWaits waits = waits(Map.of("activity.live.publish.body-timeout-ms", "200"));
        PublishOutcome outcome = waits.readThen(request(new Pieces(BODY, 1, 50, null)), 1000,
                bytes -> {
                    throw new AssertionError("published a body that was not whole");
                });
        assertEquals(new PublishOutcome.BodyNotReceived(
                "request body not received within 200 ms (activity.live.publish.body-timeout-ms)"), outcome);
        assertEquals("close", outcome.headers().get("Connection"));
    }

    @Test
    void aBodyOverTheLimitIsReadOnlyToOneByteMore() {
        BodyWaits waits = waits(Map.of());
        byte[] large = new byte[100_000];
        waits.readThen(request(new Pieces(large, 8192, 0, null)), 10,
                bytes -> {
                    assertEquals(11, bytes.length);
                    return new PublishOutcome.TooLarge("too large");
                });
    }

    private static BodyWaits waits(Map<String, String> values) {
        BodyWaits waits = new BodyWaits();
        waits.settings = Settings.read(key -> Optional.ofNullable(values.get(key)));
        waits.init();
        return waits;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An HTTP/1.1 request with {@code body} as its input and its length declared. */
    private static HttpServletRequest request(Pieces body) {
        return (HttpServletRequest) Proxy.newProxyInstance(BodyWaitsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInputStream" -> body;
                    case "getContentLengthLong" -> (long) body.bytes.length;
                    case "getProtocol" -> "HTTP/1.1";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A body that arrives {@code size} bytes a read, {@code pauseMillis} apart; {@code firstRead} runs before the first. */
    private static final class Pieces extends ServletInputStream {
        private final byte[] bytes;
        private final int size;
        private final long pauseMillis;
        private Runnable firstRead;
        private int at;

        Pieces(byte[] bytes, int size, long pauseMillis, Runnable firstRead) {
            this.bytes = bytes;
            this.size = size;
            this.pauseMillis = pauseMillis;
            this.firstRead = firstRead;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (firstRead != null) {
                firstRead.run();
                firstRead = null;
            }
            if (at == bytes.length) {
                return -1;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            int n = Math.min(Math.min(size, length), bytes.length - at);
            System.arraycopy(bytes, at, into, offset, n);
            at += n;
            return n;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isFinished() {
            return at == bytes.length;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
