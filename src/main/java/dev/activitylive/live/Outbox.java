package dev.activitylive.live;

import dev.activitylive.config.SlowClientPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One client's bounded queue of outgoing frames and its single writer. Whoever queues a frame never touches the
 * socket: a drain is handed to the writer executor when the queue goes from idle to busy (no task per frame), and
 * only one drain of a client runs at a time, because a socket takes one write at a time. Each write of a drain takes
 * every frame pending, up to the transport's batch, so the busier the client the fewer writes per frame. Writes are
 * asynchronous: a client whose socket is full holds no writer thread; its queue grows instead, up to its limit in
 * bytes. Past it, the {@link SlowClientPolicy} decides: the client is given up ({@code onFailure}), or its oldest
 * queued frames are discarded to make room. The limit is in bytes, not frames, because what a stalled client costs
 * is the bytes it pins: a burst of many small events must not close a healthy client, a few huge ones must not pin
 * gigabytes.
 */
final class Outbox {

    /** Why an outbox stopped: its queue overflowed, or a send failed. */
    enum Failure {
        OVERFLOW, SEND_FAILED
    }

    /** Bytes one write may carry beyond its first frame: keeps a single copy buffer, and one client's turn, short. */
    static final int MAX_WRITE_BYTES = 256 * 1024;

    private final Queue<Outbound> queue = new ConcurrentLinkedQueue<>();
    /** Bytes of the frames queued and not yet handed to the transport. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final Transport transport;
    private final Executor writers;
    private final long maxBytes;
    private final SlowClientPolicy policy;
    private final Consumer<Failure> onFailure;
    private final AtomicLong dropped = new AtomicLong();
    private final QueueHighWater highWater;

    Outbox(Transport transport, Executor writers, long maxBytes, SlowClientPolicy policy, Consumer<Failure> onFailure,
           QueueHighWater highWater) {
        this.transport = transport;
        this.highWater = highWater;
        this.writers = writers;
        this.maxBytes = maxBytes;
        this.policy = policy;
        this.onFailure = onFailure;
    }

    /** Queues a frame; never blocks and never throws. */
    void offer(Outbound item) {
        if (failed.get()) {
            return;
        }
        long size = item.size();
        long queued = queuedBytes.addAndGet(size);
        if (queued > maxBytes && !makeRoom(size)) {
            return;
        }
        highWater.seen(Math.min(queued, maxBytes));
        queue.add(item);
        // Read before the CAS: while a drain runs, offers must not fight over the flag's cache line.
        if (!draining.get() && draining.compareAndSet(false, true)) {
            runDrain();
        }
    }

    /**
     * Applies the policy to a frame of {@code size} bytes, already counted, that passes the limit: true if it may be
     * queued. Dropping polls from the head like the drain does; whoever polls a frame uncounts it, so the count stays
     * right when both run at once.
     */
    private boolean makeRoom(long size) {
        if (policy == SlowClientPolicy.CLOSE) {
            queuedBytes.addAndGet(-size);
            fail(Failure.OVERFLOW);
            return false;
        }
        Outbound oldest;
        while (queuedBytes.get() > maxBytes && (oldest = queue.poll()) != null) {
            queuedBytes.addAndGet(-oldest.size());
            dropped.incrementAndGet();
        }
        if (queuedBytes.get() > maxBytes) { // the frame alone is larger than the limit
            queuedBytes.addAndGet(-size);
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Bytes queued and not yet handed to the socket. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Frames discarded under {@link SlowClientPolicy#DROP_OLDEST}. */
    long dropped() {
        return dropped.get();
    }

    /**
     * Writes batches of queued frames until the queue is empty or a write is still in flight; in the latter case
     * the write's completion resumes the drain. A loop, not recursion: writes often complete before they return.
     */
    private void drain() {
        while (true) {
            List<Outbound> batch = takeBatch();
            if (batch.isEmpty()) {
                draining.set(false);
                // A frame queued after the poll but before the flag was cleared found the drain still running.
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            if (failed.get()) {
                continue;
            }
            Completion completion = new Completion();
            try {
                transport.write(batch, completion);
            } catch (RuntimeException writeFailed) {
                // Tyrus can throw synchronously ("Socket is not connected") while the session still looks open.
                fail(Failure.SEND_FAILED);
                continue;
            }
            if (completion.senderLetsGo()) {
                return;
            }
        }
    }

    private List<Outbound> takeBatch() {
        Outbound first = queue.poll();
        if (first == null) {
            return List.of();
        }
        int limit = transport.maxFramesPerWrite();
        long bytes = first.size();
        List<Outbound> batch = new ArrayList<>(limit == 1 ? 1 : 16);
        batch.add(first);
        Outbound next;
        while (batch.size() < limit && bytes < MAX_WRITE_BYTES && (next = queue.poll()) != null) {
            batch.add(next);
            bytes += next.size();
        }
        queuedBytes.addAndGet(-bytes);
        return batch;
    }

    /** Runs a drain on a writer thread, also when resuming one: never on the I/O thread that reported a completion. */
    private void runDrain() {
        try {
            writers.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            draining.set(false);
        }
    }

    /** Stops taking frames and lets go of the queued ones: the client is gone, whoever still holds it. */
    void discard() {
        failed.set(true);
        queue.clear();
    }

    private void fail(Failure failure) {
        if (failed.compareAndSet(false, true)) {
            queue.clear();
            onFailure.accept(failure);
        }
    }

    /**
     * Decides who continues the drain after one write: the first of (the write completes, the writer returns from
     * {@code write}) only marks its arrival; the second carries on. So exactly one thread drains.
     */
    private final class Completion implements Consumer<Throwable> {
        private final AtomicBoolean firstArrived = new AtomicBoolean();

        @Override
        public void accept(Throwable failure) {
            if (failure != null) {
                fail(Failure.SEND_FAILED);
            }
            if (!firstArrived.compareAndSet(false, true)) {
                runDrain();
            }
        }

        /** True if the write is still in flight: its completion will resume the drain, so the writer must stop. */
        boolean senderLetsGo() {
            return firstArrived.compareAndSet(false, true);
        }
    }
}
