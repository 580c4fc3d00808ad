package dev.activitylive.transport;

import dev.activitylive.config.SlowClientPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * A frame of which only the newest value matters ({@link #offerLatest}) is conflated while the client is behind —
 * from the moment more than {@code conflateAbove} bytes are queued until its queue is empty again: a pending frame of
 * the same key is withdrawn and the newer one queued at the end, so the frames a client gets still go in the stream's
 * order (their ids only increase, and resuming from the last one loses nothing), and the queue holds one pending
 * frame per key beside the frames that must all go out. A client that keeps up never has a frame withdrawn. Withdrawn
 * frames leave an empty slot in the queue, skipped when reached and swept out now and then, so a client that stops
 * reading does not pile them up.
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
    public static final int MAX_WRITE_BYTES = 256 * 1024;

    /** Withdrawn slots the queue may hold before they are swept out of it. */
    static final int SWEEP_AFTER = 1024;

    /** Never conflate: a limit no queue reaches. */
    public static final long NEVER = Long.MAX_VALUE;

    /** {@link Outbound}s, and {@link Slot}s holding a conflatable one (or nothing, once withdrawn). */
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    /** The pending slot of each conflation key, put while the client is behind; null if this outbox never conflates. */
    private final Map<String, Slot> latest;
    private final long conflateAbove;
    private final AtomicInteger withdrawnSinceSweep = new AtomicInteger();
    /**
     * Set once more than {@code conflateAbove} bytes are queued, cleared when a drain finds the queue empty: a client
     * stays behind until it has caught up, not only while its queue is over the mark (each write takes a batch off
     * it, and what is queued below the mark can no longer be conflated).
     */
    private volatile boolean behind;
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

    /** An outbox that never conflates. */
    public Outbox(Transport transport, Executor writers, long maxBytes, SlowClientPolicy policy, Consumer<Failure> onFailure,
           QueueStats stats) {
        this(transport, writers, maxBytes, NEVER, policy, onFailure, stats);
    }

    /** An outbox that conflates once more than {@code conflateAbove} bytes are queued ({@link #NEVER}: never). */
    public Outbox(Transport transport, Executor writers, long maxBytes, long conflateAbove, SlowClientPolicy policy,
                  Consumer<Failure> onFailure, QueueStats stats) {
        this.conflateAbove = conflateAbove;
        this.latest = conflateAbove == NEVER ? null : new ConcurrentHashMap<>();
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
        if (!failed.get()) {
            enqueue(item, item.size());
        }
    }

    /**
     * Queues a frame of which only the newest of {@code key} matters. While the client is behind, the pending frame
     * of the same key, if any, is withdrawn first, so only what must all go out can pass the limit.
     */
    public void offerLatest(Outbound item, String key) {
        if (failed.get()) {
            return;
        }
        if (latest == null || !behind()) {
            enqueue(item, item.size());
            return;
        }
        Slot earlier = latest.get(key);
        if (earlier != null && earlier.withdraw()) {
            queuedBytes.addAndGet(-earlier.size);
            stats.conflated();
            if (withdrawnSinceSweep.incrementAndGet() >= SWEEP_AFTER) {
                withdrawnSinceSweep.set(0);
                queue.removeIf(Slot::isEmpty);
            }
        }
        Slot slot = new Slot(key, item);
        if (enqueue(slot, slot.size)) {
            // After the frame is queued: a slot is withdrawn only if its bytes were counted. Offers of a key come one
            // at a time (the stream's broadcast); a drain that took the slot already leaves a spent one here, harmless.
            latest.put(key, slot);
        }
    }

    private boolean behind() {
        if (!behind && queuedBytes.get() > conflateAbove) {
            behind = true;
        }
        return behind;
    }

    /** Counts and queues {@code item}, unless the slow-client policy refuses it; true if it was queued. */
    private boolean enqueue(Object item, long size) {
        long queued = queuedBytes.addAndGet(size);
        if (queued > maxBytes && !makeRoom(size)) {
            return false;
        }
        stats.seen(Math.min(queued, maxBytes));
        queue.add(item);
        // Read before the CAS: while a drain runs, offers must not fight over the flag's cache line.
        if (!draining.get() && draining.compareAndSet(false, true)) {
            runDrain();
        }
        return true;
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
        while (queuedBytes.get() > maxBytes && (oldest = poll()) != null) {
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

    /** Entries in the queue, withdrawn slots included; counts them one by one. */
    int queueLength() {
        return queue.size();
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
                behind = false;
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

    /** The next frame to write, past the withdrawn slots; null if none is queued. */
    private Outbound poll() {
        Object head;
        while ((head = queue.poll()) != null) {
            if (!(head instanceof Slot slot)) {
                return (Outbound) head;
            }
            Outbound frame = slot.take();
            latest.remove(slot.key, slot);
            if (frame != null) {
                return frame;
            }
        }
        return null;
    }

    private List<Outbound> takeBatch() {
        Outbound first = poll();
        if (first == null) {
            return List.of();
        }
        int limit = transport.maxFramesPerWrite();
        long bytes = first.size();
        List<Outbound> batch = new ArrayList<>(limit == 1 ? 1 : 16);
        batch.add(first);
        Outbound next;
        while (batch.size() < limit && bytes < MAX_WRITE_BYTES && (next = poll()) != null) {
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
        clear();
    }

    private void clear() {
        queue.clear();
        if (latest != null) {
            latest.clear();
        }
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
            clear();
            onFailure.accept(failure);
        }
    }

    /** A conflatable frame's place in the queue: the drain takes the frame, or a newer one of its key withdraws it. */
    private static final class Slot {
        final String key;
        final long size;
        private final AtomicReference<Outbound> frame;

        Slot(String key, Outbound frame) {
            this.key = key;
            this.size = frame.size();
            this.frame = new AtomicReference<>(frame);
        }

        /** The frame, to write or drop; null if it was withdrawn. Whoever gets it accounts for its bytes. */
        Outbound take() {
            return frame.getAndSet(null);
        }

        /** True if the frame was still pending (and now never goes out); false if the drain took it first. */
        boolean withdraw() {
            return frame.getAndSet(null) != null;
        }

        static boolean isEmpty(Object queued) {
            return queued instanceof Slot slot && slot.frame.get() == null;
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
