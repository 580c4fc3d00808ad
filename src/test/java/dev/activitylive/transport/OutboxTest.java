package dev.activitylive.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.config.SlowClientPolicy;
import dev.activitylive.transport.Outbox.Failure;
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

/**
 * The outbox against a scripted remote endpoint (through the portable transport) and a scripted batching transport
 * (as the raw-frame path uses it): order, one write at a time, batches, the queue bound, failures.
 */
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
        Outbox outbox = new Outbox(portable(remote), Runnable::run, 100, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
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
        Outbox outbox = new Outbox(portable(remote), Runnable::run, 100, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        outbox.offer(text("a"));
        outbox.offer(text("bb"));
        outbox.offer(text("ccc"));
        assertEquals(List.of("a"), remote.sent, "the others wait until a is written");
        assertEquals(4 + 5, outbox.queuedBytes(), "frames of 2 and 3 bytes, each with a 2-byte header");
        remote.completeNext(null);
        assertEquals(List.of("a", "bb"), remote.sent);
        remote.completeNext(null);
        remote.completeNext(null);
        assertEquals(List.of("a", "bb", "ccc"), remote.sent);
        assertEquals(0, outbox.queuedBytes());
    }

    @Test
    void aDiscardedOutboxLetsGoOfItsFramesAndTakesNoMore() {
        remote.holdCompletions = true;
        Outbox outbox = new Outbox(portable(remote), Runnable::run, 100, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        outbox.offer(text("a"));
        outbox.offer(text("bb"));
        outbox.discard();
        outbox.offer(text("ccc"));
        remote.completeNext(null);
        assertEquals(List.of("a"), remote.sent, "neither the queued frame nor a later one is written");
        assertEquals(List.of(), failures, "discarding is not a failure");
    }

    @Test
    void manySmallFramesFitWhereFewLargeOnesDoNot() {
        remote.holdCompletions = true;
        Outbox outbox = new Outbox(portable(remote), Runnable::run, 30, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        for (int i = 0; i < 11; i++) {
            outbox.offer(text("s"));
        }
        assertEquals(List.of(), failures, "one in flight, ten frames of 3 bytes queued: within the limit");
        assertEquals(30, outbox.queuedBytes());

        Outbox large = new Outbox(portable(remote), Runnable::run, 30, SlowClientPolicy.CLOSE, failures::add,

                new QueueStats());
        large.offer(text("thirteen char"));
        large.offer(text("thirteen char"));
        large.offer(text("thirteen char"));
        assertEquals(List.of(), failures, "one in flight, two frames of 15 bytes queued");
        large.offer(text("thirteen char"));
        assertEquals(List.of(Failure.OVERFLOW), failures, "45 queued bytes pass the limit of 30");
    }

    @Test
    void aQueuePastItsLimitFailsOnceAndSendsNothingMore() {
        remote.holdCompletions = true;
        Outbox outbox = new Outbox(portable(remote), Runnable::run, 6, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
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
        Outbox throwing = new Outbox(portable(remote), Runnable::run, 10, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        throwing.offer(text("a"));
        throwing.offer(text("b"));
        assertEquals(List.of(Failure.SEND_FAILED), failures);

        failures.clear();
        Remote later = new Remote();
        later.holdCompletions = true;
        Outbox failingLater = new Outbox(portable(later), Runnable::run, 10, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        failingLater.offer(text("a"));
        failingLater.offer(text("b"));
        later.completeNext(new IOException("broken pipe"));
        assertEquals(List.of(Failure.SEND_FAILED), failures);
        assertEquals(List.of("a"), later.sent);
    }

    @Test
    void concurrentProducersKeepTheirOrderAndNeverOverlapASend() throws Exception {
        remote.randomlyDeferCompletions = true;
        Outbox outbox = new Outbox(portable(remote), writers, 1_000_000, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
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

    @Test
    void aBatchingTransportGetsEveryPendingFrameInOneWrite() {
        Batching transport = new Batching(512);
        transport.holdCompletions = true;
        Outbox outbox = new Outbox(transport, Runnable::run, 1_000, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        outbox.offer(text("a"));
        outbox.offer(text("b"));
        outbox.offer(Outbound.Ping.FRAME);
        outbox.offer(text("c"));
        assertEquals(List.of(List.of("a")), transport.writes, "the rest wait for the first write");
        transport.completeNext(null);
        assertEquals(List.of(List.of("a"), List.of("b", "<ping>", "c")), transport.writes);
        transport.completeNext(null);
        assertEquals(0, outbox.queuedBytes());
    }

    @Test
    void aBatchStopsAtTheTransportsFrameLimitAndAtTheByteLimitButAlwaysTakesOneFrame() {
        Batching transport = new Batching(3);
        transport.holdCompletions = true;
        Outbox outbox = new Outbox(transport, Runnable::run, 10_000_000, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        String huge = "x".repeat(Outbox.MAX_WRITE_BYTES);
        for (String frame : List.of("first", "1", "2", "3", "4", huge, "after")) {
            outbox.offer(text(frame));
        }
        for (int i = 0; i < 4; i++) {
            transport.completeNext(null);
        }
        assertEquals(List.of(List.of("first"), List.of("1", "2", "3"), List.of("4", huge), List.of("after")),
                transport.writes, "a batch ends once it passes the byte limit; a huge frame still goes");
    }

    @Test
    void concurrentProducersKeepTheirOrderThroughBatchedWrites() throws Exception {
        Batching transport = new Batching(512);
        transport.randomlyDeferCompletions = true;
        Outbox outbox = new Outbox(transport, writers, 10_000_000, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        int producers = 4;
        int perProducer = 5_000;
        ExecutorService producing = Executors.newFixedThreadPool(producers);
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            done.add(producing.submit(() -> {
                for (int i = 0; i < perProducer; i++) {
                    outbox.offer(text(producer + ":" + i));
                }
                return null;
            }));
        }
        for (Future<?> each : done) {
            each.get(30, TimeUnit.SECONDS);
        }
        producing.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (transport.frames().size() < producers * perProducer && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<String> frames = transport.frames();
        assertEquals(producers * perProducer, frames.size());
        assertEquals(1, transport.maxInFlight.get(), "one write at a time");
        assertTrue(transport.writes.size() < frames.size(), "frames were batched: " + transport.writes.size() + " writes");
        int[] next = new int[producers];
        for (String frame : frames) {
            String[] parts = frame.split(":");
            int producer = Integer.parseInt(parts[0]);
            assertEquals(next[producer]++, Integer.parseInt(parts[1]), "order of producer " + producer);
        }
        assertTrue(failures.isEmpty());
        transport.completer.shutdownNow();
    }

    @Test
    void aFailedBatchedWriteIsReportedOnceAndNothingMoreIsWritten() {
        Batching transport = new Batching(512);
        transport.holdCompletions = true;
        Outbox outbox = new Outbox(transport, Runnable::run, 1_000, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        outbox.offer(text("a"));
        outbox.offer(text("b"));
        transport.completeNext(new IOException("connection reset"));
        outbox.offer(text("c"));
        assertEquals(List.of(Failure.SEND_FAILED), failures);
        assertEquals(List.of(List.of("a")), transport.writes);
    }

    @Test
    void dropOldestKeepsTheClientAndItsNewestFramesWithinTheLimit() {
        Batching transport = new Batching(512);
        QueueStats stats = new QueueStats();
        transport.holdCompletions = true;
        Outbox outbox = new Outbox(transport, Runnable::run, 9, SlowClientPolicy.DROP_OLDEST, failures::add,
                stats);
        for (String frame : List.of("a", "b", "c", "d", "e")) {
            outbox.offer(text(frame));
        }
        assertEquals(List.of(), failures, "the client stays");
        assertEquals(1, stats.droppedFrames(), "b went to make room for e");
        assertEquals(9, outbox.queuedBytes(), "three frames of 3 bytes: the limit, not past it");
        transport.completeNext(null);
        assertEquals(List.of(List.of("a"), List.of("c", "d", "e")), transport.writes, "what is left keeps its order");
    }

    @Test
    void dropOldestDropsAFrameLargerThanTheWholeLimit() {
        Batching transport = new Batching(512);
        QueueStats stats = new QueueStats();
        Outbox outbox = new Outbox(transport, Runnable::run, 5, SlowClientPolicy.DROP_OLDEST, failures::add,
                stats);
        outbox.offer(text("too large"));
        outbox.offer(text("ok"));
        assertEquals(1, stats.droppedFrames());
        assertEquals(List.of(List.of("ok")), transport.writes);
        assertEquals(List.of(), failures);
    }

    @Test
    void aDrainFindingItsTransportBusyParksWithoutHoldingAThreadAndReadinessResumesIt() throws Exception {
        Batching transport = new Batching(512);
        transport.busy = true;
        ExecutorService oneWriter = Executors.newSingleThreadExecutor();
        try {
            Outbox outbox = new Outbox(transport, oneWriter, 1000, SlowClientPolicy.CLOSE, failures::add,
                    new QueueStats());
            outbox.offer(text("a"));
            outbox.offer(text("b"));
            assertTrue(oneWriter.submit(() -> true).get(5, TimeUnit.SECONDS), "the only writer is free again");
            assertEquals(List.of(), transport.writes, "nothing written while busy");
            transport.busy = false;
            transport.resume.run();
            oneWriter.submit(() -> true).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("a", "b"), transport.frames());
        } finally {
            oneWriter.shutdownNow();
        }
    }

    @Test
    void busySpellsAndResumesRacingWithOffersLoseNoFrameAndKeepTheOrder() throws Exception {
        Batching transport = new Batching(8);
        transport.randomlyDeferCompletions = true;
        Outbox outbox = new Outbox(transport, writers, 1 << 20, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        Thread reader = new Thread(() -> {
            // What the container's reader does: busy while it reads, then it resumes whoever parked.
            for (int i = 0; i < 20_000; i++) {
                transport.busy = true;
                Thread.onSpinWait();
                transport.busy = false;
                transport.resume.run();
            }
        });
        reader.start();
        for (int i = 0; i < 20_000; i++) {
            outbox.offer(text(Integer.toString(i)));
        }
        reader.join();
        transport.resume.run();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (transport.frames().size() < 20_000 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected, transport.frames());
        assertEquals(1, transport.maxInFlight.get());
    }

    @Test
    void nothingIsHandedOverAfterTheCloseNeitherQueuedFramesNorLaterOnes() {
        Batching transport = new Batching(1);
        transport.holdCompletions = true;
        Outbox outbox = new Outbox(transport, Runnable::run, 1000, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        outbox.offer(text("a"));
        outbox.offer(text("b"));
        outbox.close(() -> transport.log.add("close"));
        outbox.offer(text("c"));
        transport.completeNext(null);
        assertEquals(List.of(List.of("a")), transport.writes);
        assertEquals(List.of("write 1", "written", "close"), transport.log);
        outbox.close(() -> transport.log.add("closed twice"));
        assertEquals(List.of("write 1", "written", "close"), transport.log, "the close runs once");
    }

    @Test
    void aCloseWaitsForTheHandOverInProgressAndFollowsIt() throws Exception {
        Batching transport = new Batching(512);
        transport.writing = new CountDownLatch(1);
        transport.finishWrite = new CountDownLatch(1);
        Outbox outbox = new Outbox(transport, writers, 1000, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        outbox.offer(text("a"));
        assertTrue(transport.writing.await(5, TimeUnit.SECONDS));
        Future<?> closing = Executors.newSingleThreadExecutor().submit(() -> outbox.close(() -> transport.log.add("close")));
        Thread.sleep(100);
        assertEquals(List.of("write 1"), transport.log, "the close waits for the write being handed over");
        transport.finishWrite.countDown();
        closing.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("write 1", "written", "close"), transport.log);
    }

    @Test
    void anErrorThrownInsideASendFailsThatClientOnlyAndNeverTheWriter() {
        Batching transport = new Batching(512);
        transport.erring = new Error("java.nio.charset.MalformedInputException: Input length = 1");
        Outbox outbox = new Outbox(transport, Runnable::run, 1000, SlowClientPolicy.CLOSE, failures::add,
                new QueueStats());
        outbox.offer(text("a")); // on the calling thread: it would throw here if the drain let the Error through
        assertEquals(List.of(Failure.SEND_FAILED), failures);
        outbox.offer(text("b"));
        assertEquals(List.of(Failure.SEND_FAILED), failures, "a failed outbox takes nothing more");
    }

    @Test
    void behindItsQueueAClientGetsOnlyTheNewestPendingFrameOfEachKeyAndEveryOtherFrameInOrder() {
        Batching transport = new Batching(512);
        QueueStats stats = new QueueStats();
        Outbox outbox = withAWriteInFlight(transport, 1000, 4, SlowClientPolicy.CLOSE, stats);
        outbox.offerLatest(text("L1"), "load"); // 4 bytes queued: not behind yet, queued as any frame
        outbox.offer(text("m1"));
        outbox.offerLatest(text("L2"), "load");
        outbox.offerLatest(text("R1"), "reasoning:s-1");
        outbox.offer(text("m2"));
        outbox.offerLatest(text("L3"), "load");
        outbox.offerLatest(text("R2"), "reasoning:s-1");
        outbox.offerLatest(text("S1"), "reasoning:s-2");
        assertEquals(6 * 4, outbox.queuedBytes(), "L1 m1 m2 L3 R2 S1; L2 and R1 withdrawn");
        transport.completeNext(null);
        assertEquals(List.of(List.of("a"), List.of("L1", "m1", "m2", "L3", "R2", "S1")), transport.writes);
        assertEquals(2, stats.conflatedFrames());
        assertEquals(0, outbox.queuedBytes());
        assertEquals(List.of(), failures);
    }

    @Test
    void aClientStaysBehindUntilItsQueueIsEmptyThenGetsEveryFrameAgain() {
        Batching transport = new Batching(2);
        QueueStats stats = new QueueStats();
        Outbox outbox = withAWriteInFlight(transport, 1000, 8, SlowClientPolicy.CLOSE, stats);
        for (String frame : List.of("m1", "m2", "m3")) {
            outbox.offer(text(frame));
        }
        outbox.offerLatest(text("L1"), "load"); // 12 bytes queued: behind
        transport.completeNext(null); // [m1, m2] goes: 8 bytes queued, below the mark, but not caught up
        outbox.offerLatest(text("L2"), "load");
        assertEquals(1, stats.conflatedFrames(), "L1 gave way to L2");
        transport.completeNext(null);
        transport.completeNext(null); // the queue is empty: caught up
        outbox.offerLatest(text("L3"), "load");
        transport.completeNext(null);
        outbox.offerLatest(text("L4"), "load");
        transport.completeNext(null);
        assertEquals(List.of("a", "m1", "m2", "m3", "L2", "L3", "L4"), transport.frames());
        assertEquals(1, stats.conflatedFrames());
    }

    @Test
    void aClientThatKeepsUpGetsEveryFrame() {
        Batching transport = new Batching(512);
        QueueStats stats = new QueueStats();
        Outbox outbox = new Outbox(transport, Runnable::run, 1000, 4, SlowClientPolicy.CLOSE, failures::add, stats);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String frame = "L" + i;
            sent.add(frame);
            outbox.offerLatest(text(frame), "load");
        }
        assertEquals(sent, transport.frames());
        assertEquals(0, stats.conflatedFrames());
    }

    @Test
    void withoutConflationEveryFrameQueuesAndTheLimitClosesTheClient() {
        Outbox outbox = withAWriteInFlight(new Batching(512), 40, Outbox.NEVER, SlowClientPolicy.CLOSE,
                new QueueStats());
        for (int i = 0; i < 11; i++) {
            outbox.offerLatest(text("L" + i % 10), "load");
        }
        assertEquals(List.of(Failure.OVERFLOW), failures, "11 frames of 4 bytes pass the limit of 40");
    }

    @Test
    void onlyTheFramesThatMustAllGoOutCanPassTheLimit() {
        Outbox outbox = withAWriteInFlight(new Batching(512), 40, 4, SlowClientPolicy.CLOSE, new QueueStats());
        for (int i = 0; i < 10_000; i++) {
            outbox.offerLatest(text("L" + i % 10), "load");
            outbox.offerLatest(text("R" + i % 10), "reasoning:s-" + i % 3);
        }
        assertEquals(List.of(), failures, "conflatable frames never fill the queue");
        assertEquals(2 * 4 + 4 * 4, outbox.queuedBytes(), "the two frames queued before it was behind, then one a key");
        assertTrue(outbox.queueLength() <= 6 + Outbox.SWEEP_AFTER, "withdrawn slots are swept out: "
                + outbox.queueLength());
        for (int i = 0; i < 10; i++) {
            outbox.offer(text("m" + i));
        }
        assertEquals(List.of(Failure.OVERFLOW), failures, "frames that must all go out pass the limit as before");
    }

    @Test
    void dropOldestTakesPendingConflatedFramesLikeAnyOther() {
        Batching transport = new Batching(512);
        QueueStats stats = new QueueStats();
        Outbox outbox = withAWriteInFlight(transport, 12, 0, SlowClientPolicy.DROP_OLDEST, stats);
        outbox.offerLatest(text("L1"), "load");
        outbox.offerLatest(text("R1"), "reasoning:s-1");
        outbox.offer(text("m1"));
        outbox.offer(text("m2")); // past 12 bytes: L1, the oldest, goes
        outbox.offerLatest(text("L2"), "load"); // R1 goes
        assertEquals(2, stats.droppedFrames());
        assertEquals(12, outbox.queuedBytes());
        transport.completeNext(null);
        assertEquals(List.of(List.of("a"), List.of("m1", "m2", "L2")), transport.writes);
        assertEquals(List.of(), failures);
    }

    /** An outbox on {@code transport} whose first write, "a", is held in flight: what is offered after it queues. */
    private Outbox withAWriteInFlight(Batching transport, long maxBytes, long conflateAbove, SlowClientPolicy policy,
                                      QueueStats stats) {
        transport.holdCompletions = true;
        Outbox outbox = new Outbox(transport, Runnable::run, maxBytes, conflateAbove, policy, failures::add, stats);
        outbox.offer(text("a"));
        return outbox;
    }

    private static Outbound.Text text(String json) {
        return Outbound.Text.of(json);
    }

    private static Transport portable(Remote remote) {
        return new PortableTransport(remote, ReadSide.UNKNOWN);
    }

    /** A transport that takes several frames per write and records each write, completing at once, later, or never. */
    private static final class Batching implements Transport {
        final List<List<String>> writes = new CopyOnWriteArrayList<>();
        final Queue<java.util.function.Consumer<Throwable>> pending = new ConcurrentLinkedQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final ExecutorService completer = Executors.newSingleThreadExecutor();
        private final int maxFrames;
        volatile boolean holdCompletions;
        volatile boolean randomlyDeferCompletions;
        /** While set, the transport is not ready: the container would be reading the connection. */
        volatile boolean busy;
        volatile Runnable resume = () -> { };
        /** Thrown by the next writes, as the container's send may throw. */
        volatile RuntimeException throwing;
        volatile Error erring;
        /** Each hand-over's start and end, and anything else a test records in order. */
        final List<String> log = new CopyOnWriteArrayList<>();
        volatile CountDownLatch writing;
        volatile CountDownLatch finishWrite;

        Batching(int maxFrames) {
            this.maxFrames = maxFrames;
        }

        @Override
        public int maxFramesPerWrite() {
            return maxFrames;
        }

        @Override
        public ReadSide readSide() {
            return ReadSide.UNKNOWN;
        }

        @Override
        public boolean ready() {
            return !busy;
        }

        @Override
        public void whenReady(Runnable resume) {
            this.resume = resume;
        }

        @Override
        public void write(List<Outbound> frames, java.util.function.Consumer<Throwable> written) {
            if (erring != null) {
                throw erring;
            }
            if (throwing != null) {
                throw throwing;
            }
            log.add("write " + frames.size());
            if (writing != null) {
                writing.countDown();
                try {
                    finishWrite.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            log.add("written");
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            writes.add(frames.stream().map(f -> f instanceof Outbound.Text t ? t.json() : "<ping>").toList());
            if (holdCompletions) {
                pending.add(written);
            } else if (randomlyDeferCompletions && ThreadLocalRandom.current().nextBoolean()) {
                completer.execute(() -> complete(written, null));
            } else {
                complete(written, null);
            }
        }

        void completeNext(Throwable failure) {
            complete(pending.remove(), failure);
        }

        private void complete(java.util.function.Consumer<Throwable> written, Throwable failure) {
            inFlight.decrementAndGet();
            written.accept(failure);
        }

        List<String> frames() {
            return writes.stream().flatMap(List::stream).toList();
        }

        @Override
        public String name() {
            return "batching";
        }
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
