package dev.activitylive.transport;

import dev.activitylive.config.SlowClientPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

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
 * <p>
 * Nothing goes out after the close frame (RFC 6455 §5.5.1): {@link #close} and every hand-over of a batch to the
 * transport take one lock, and a closed outbox hands over nothing more. A drain whose transport is not
 * {@link Transport#ready() ready} (the container is reading the connection) parks instead of waiting, and the
 * transport resumes it: no writer thread waits on one client while others have frames to send.
 */
public final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    /** Why an outbox stopped: its queue overflowed, or a send failed. */
    public enum Failure {
        OVERFLOW, SEND_FAILED
    }

    /** Bytes one write may carry beyond its first frame: keeps a single copy buffer, and one client's turn, short. */
    static final int MAX_WRITE_BYTES = 256 * 1024;

    private final Queue<Outbound> queue = new ConcurrentLinkedQueue<>();
    /** Bytes of the frames queued and not yet handed to the transport. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    /** Set by a drain that found its transport busy; whoever clears it runs the drain on. */
    private final AtomicBoolean parked = new AtomicBoolean();
    /** Taken around each hand-over to the transport and around the close, which ends them. */
    private final ReentrantLock handOver = new ReentrantLock();
    private boolean closed;
    private final Transport transport;
    private final Executor writers;
    private final long maxBytes;
    private final SlowClientPolicy policy;
    private final Consumer<Failure> onFailure;
    private final QueueStats stats;

    public Outbox(Transport transport, Executor writers, long maxBytes, SlowClientPolicy policy, Consumer<Failure> onFailure,
           QueueStats stats) {
        this.transport = transport;
        this.stats = stats;
        this.writers = writers;
        this.maxBytes = maxBytes;
        this.policy = policy;
        this.onFailure = onFailure;
        transport.whenReady(this::resume);
    }

    /** Queues a frame; never blocks and never throws. */
    public void offer(Outbound item) {
        if (failed.get()) {
            return;
        }
        long size = item.size();
        long queued = queuedBytes.addAndGet(size);
        if (queued > maxBytes && !makeRoom(size)) {
            return;
        }
        stats.seen(Math.min(queued, maxBytes));
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
            stats.dropped();
        }
        if (queuedBytes.get() > maxBytes) { // the frame alone is larger than the limit
            queuedBytes.addAndGet(-size);
            stats.dropped();
            return false;
        }
        return true;
    }

    /** Bytes queued and not yet handed to the socket. */
    long queuedBytes() {
        return queuedBytes.get();
    }


    /**
     * Writes batches of queued frames until the queue is empty, a write is still in flight (its completion resumes
     * the drain) or the transport is busy (it resumes the drain when it is ready). A loop, not recursion: writes
     * often complete before they return.
     */
    private void drain() {
        while (true) {
            if (!transport.ready() && park()) {
                return;
            }
            List<Outbound> batch = takeBatch();
            if (batch.isEmpty()) {
                draining.set(false);
                // A frame queued after the poll but before the flag was cleared found the drain still running.
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            Completion completion = new Completion();
            if (!handOver(batch, completion)) {
                continue;
            }
            if (completion.senderLetsGo()) {
                return;
            }
        }
    }

    /**
     * Parks the drain: true if it must stop here, because the transport will resume it (or already has, on
     * another thread); false if the transport became ready meanwhile and this drain goes on.
     */
    private boolean park() {
        parked.set(true);
        // Checked again after parking: a transport that became ready before it saw the flag resumes nothing.
        return !transport.ready() || !parked.compareAndSet(true, false);
    }

    /** Runs a parked drain on, when the transport is ready again. */
    private void resume() {
        if (parked.compareAndSet(true, false)) {
            runDrain();
        }
    }

    /** Hands {@code batch} to the transport unless the outbox has failed or closed; false if it was not written. */
    private boolean handOver(List<Outbound> batch, Completion completion) {
        handOver.lock();
        try {
            if (failed.get()) {
                return false;
            }
            transport.write(batch, completion);
            stats.wrote();
            return true;
        } catch (RuntimeException | Error writeFailed) {
            // Tyrus can throw synchronously ("Socket is not connected") while the session still looks open; an Error
            // inside the container's send must cost this client only, never the writer thread or a silent client.
            LOG.log(Level.FINE, "A write failed: {0}", writeFailed.toString());
            fail(Failure.SEND_FAILED);
            if (writeFailed instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return false;
        } finally {
            handOver.unlock();
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
    public void discard() {
        failed.set(true);
        queue.clear();
    }

    /**
     * Runs {@code close} (which sends the close frame) once, after any hand-over in progress and before none: from
     * then on nothing queued is written. Not to be called by the container while it reads the connection.
     */
    public void close(Runnable close) {
        handOver.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            discard();
            close.run();
        } finally {
            handOver.unlock();
        }
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
