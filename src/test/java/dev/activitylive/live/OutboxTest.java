package dev.activitylive.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.live.Outbox.Failure;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox against a scripted remote endpoint: order, one send at a time, the queue bound, failures. */
class OutboxTest {

    private final Remote remote = new Remote();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final ExecutorService writers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        writers.shutdownNow();
        remote.completer.shutdownNow();
    }

    @Test
    void framesAndPingsGoOutInOrderWhenSendsCompleteAtOnce() throws Exception {
        Outbox outbox = new Outbox(remote, Runnable::run, 100, failures::add);
        outbox.offer(text("a"));
        outbox.offer(Outbound.Ping.FRAME);
        outbox.offer(text("b"));
        assertEquals(List.of("a", "<ping>", "b"), remote.sent);
        assertEquals(0, outbox.queuedBytes());
        assertEquals(List.of(), failures);
    }

    @Test
    void onlyOneSendIsInFlightAndItsCompletionSendsTheNext() {
        remote.holdCompletions = true;
        Outbox outbox = new Outbox(remote, Runnable::run, 100, failures::add);
        outbox.offer(text("a"));
        outbox.offer(text("bb"));
        outbox.offer(text("ccc"));
        assertEquals(List.of("a"), remote.sent, "the others wait until a is written");
        assertEquals(5, outbox.queuedBytes());
        remote.completeNext(null);
        assertEquals(List.of("a", "bb"), remote.sent);
        remote.completeNext(null);
        remote.completeNext(null);
        assertEquals(List.of("a", "bb", "ccc"), remote.sent);
        assertEquals(0, outbox.queuedBytes());
    }

    @Test
    void manySmallFramesFitWhereFewLargeOnesDoNot() {
        remote.holdCompletions = true;
        Outbox outbox = new Outbox(remote, Runnable::run, 10, failures::add);
        for (int i = 0; i < 11; i++) {
            outbox.offer(text("s"));
        }
        assertEquals(List.of(), failures, "one in flight, ten bytes queued: within the limit");
        assertEquals(10, outbox.queuedBytes());

        Outbox large = new Outbox(remote, Runnable::run, 10, failures::add);
        large.offer(text("first"));
        large.offer(text("second"));
        assertEquals(List.of(), failures);
        large.offer(text("third"));
        assertEquals(List.of(Failure.OVERFLOW), failures, "6 + 5 queued bytes pass the limit of 10");
    }

    @Test
    void aQueuePastItsLimitFailsOnceAndSendsNothingMore() {
        remote.holdCompletions = true;
        Outbox outbox = new Outbox(remote, Runnable::run, 2, failures::add);
        for (String frame : List.of("a", "b", "c", "d", "e")) {
            outbox.offer(text(frame));
        }
        assertEquals(List.of(Failure.OVERFLOW), failures);
        remote.completeNext(null);
        assertEquals(List.of("a"), remote.sent, "nothing queued is sent after the failure");
    }

    @Test
    void aSendThatThrowsOrFailsLaterIsReportedOnce() {
        remote.throwOnSend = true;
        Outbox throwing = new Outbox(remote, Runnable::run, 10, failures::add);
        throwing.offer(text("a"));
        throwing.offer(text("b"));
        assertEquals(List.of(Failure.SEND_FAILED), failures);

        failures.clear();
        Remote later = new Remote();
        later.holdCompletions = true;
        Outbox failingLater = new Outbox(later, Runnable::run, 10, failures::add);
        failingLater.offer(text("a"));
        failingLater.offer(text("b"));
        later.completeNext(new IOException("broken pipe"));
        assertEquals(List.of(Failure.SEND_FAILED), failures);
        assertEquals(List.of("a"), later.sent);
    }

    @Test
    void concurrentProducersKeepTheirOrderAndNeverOverlapASend() throws Exception {
        remote.randomlyDeferCompletions = true;
        Outbox outbox = new Outbox(remote, writers, 1_000_000, failures::add);
        int producers = 4;
        int perProducer = 5_000;
        ExecutorService producing = Executors.newFixedThreadPool(producers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            done.add(producing.submit(() -> {
                start.await();
                for (int i = 0; i < perProducer; i++) {
                    outbox.offer(text(producer + ":" + i));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> each : done) {
            each.get(30, TimeUnit.SECONDS);
        }
        producing.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (remote.sent.size() < producers * perProducer && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(producers * perProducer, remote.sent.size());
        assertEquals(1, remote.maxInFlight.get(), "one writer at a time");
        int[] next = new int[producers];
        for (String frame : remote.sent) {
            String[] parts = frame.split(":");
            int producer = Integer.parseInt(parts[0]);
            assertEquals(next[producer]++, Integer.parseInt(parts[1]), "order of producer " + producer);
        }
        assertTrue(failures.isEmpty());
    }

    private static Outbound.Text text(String json) {
        return new Outbound.Text(json);
    }

    /** A remote endpoint that records what is sent and completes sends at once, later, or with failures. */
    private static final class Remote implements RemoteEndpoint.Async {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final Queue<SendHandler> pending = new ConcurrentLinkedQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final ExecutorService completer = Executors.newSingleThreadExecutor();
        volatile boolean holdCompletions;
        volatile boolean throwOnSend;
        volatile boolean randomlyDeferCompletions;

        @Override
        public void sendText(String text, SendHandler handler) {
            if (throwOnSend) {
                throw new IllegalStateException("Socket is not connected");
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sent.add(text);
            if (holdCompletions) {
                pending.add(handler);
            } else if (randomlyDeferCompletions && ThreadLocalRandom.current().nextBoolean()) {
                completer.execute(() -> complete(handler, null));
            } else {
                complete(handler, null);
            }
        }

        void completeNext(Throwable failure) {
            complete(pending.remove(), failure);
        }

        private void complete(SendHandler handler, Throwable failure) {
            inFlight.decrementAndGet();
            handler.onResult(failure == null ? new SendResult() : new SendResult(failure));
        }

        @Override
        public void sendPing(ByteBuffer applicationData) {
            sent.add("<ping>");
        }

        @Override
        public long getSendTimeout() {
            return 0;
        }

        @Override
        public void setSendTimeout(long timeoutmillis) {
        }

        @Override
        public Future<Void> sendText(String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> sendBinary(ByteBuffer data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> sendObject(Object data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendObject(Object data, SendHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setBatchingAllowed(boolean allowed) {
        }

        @Override
        public boolean getBatchingAllowed() {
            return false;
        }

        @Override
        public void flushBatch() {
        }

        @Override
        public void sendPong(ByteBuffer applicationData) {
            throw new UnsupportedOperationException();
        }
    }
}
