package dev.activitylive.live;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One client's bounded queue of outgoing frames and its single writer. Whoever queues a frame never touches the
 * socket: a drain is handed to the writer executor, and only one drain of a client runs at a time, because Tyrus
 * refuses concurrent sends on a session. Sends are asynchronous, so a client whose socket is full holds no writer
 * thread; its queue grows instead, up to its limit in bytes, past which the client is given up ({@code onFailure}).
 * The limit is in bytes, not frames, because what a stalled client costs is the frames it pins in memory: a burst
 * of many small events must not close a healthy client, a few huge ones must not pin gigabytes.
 */
final class Outbox {

    /** Why an outbox stopped: its queue overflowed, or a send failed. */
    enum Failure {
        OVERFLOW, SEND_FAILED
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Queue<Outbound> queue = new ConcurrentLinkedQueue<>();
    /** Bytes (UTF-16 characters of JSON, about the UTF-8 bytes of it) queued and not yet handed to the socket. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final RemoteEndpoint.Async remote;
    private final Executor writers;
    private final long maxBytes;
    private final Consumer<Failure> onFailure;

    Outbox(RemoteEndpoint.Async remote, Executor writers, long maxBytes, Consumer<Failure> onFailure) {
        this.remote = remote;
        this.writers = writers;
        this.maxBytes = maxBytes;
        this.onFailure = onFailure;
    }

    /** Queues a frame; never blocks and never throws. */
    void offer(Outbound item) {
        if (failed.get()) {
            return;
        }
        long size = item.size();
        if (queuedBytes.addAndGet(size) > maxBytes) {
            queuedBytes.addAndGet(-size);
            fail(Failure.OVERFLOW);
            return;
        }
        queue.add(item);
        scheduleDrain();
    }

    /** Bytes queued and not yet handed to the socket. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            runDrain();
        }
    }

    /**
     * Sends queued frames until the queue is empty or an asynchronous send is still in flight; in the latter case
     * the send's completion resumes the drain. A loop, not recursion: Grizzly often completes a send before
     * {@code sendText} returns.
     */
    private void drain() {
        while (true) {
            Outbound next = queue.poll();
            if (next == null) {
                draining.set(false);
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            queuedBytes.addAndGet(-next.size());
            if (failed.get()) {
                continue;
            }
            try {
                if (next instanceof Outbound.Text text) {
                    Completion completion = new Completion();
                    remote.sendText(text.json(), completion);
                    if (completion.senderLetsGo()) {
                        return;
                    }
                } else {
                    remote.sendPing(EMPTY.duplicate());
                }
            } catch (Exception sendFailed) {
                // Tyrus can throw synchronously ("Socket is not connected") while the session still looks open.
                fail(Failure.SEND_FAILED);
            }
        }
    }

    /** Runs a drain on a writer thread, also when resuming one: never on the I/O thread that reported a completion. */
    private void runDrain() {
        try {
            writers.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            draining.set(false);
        }
    }

    private void fail(Failure failure) {
        if (failed.compareAndSet(false, true)) {
            queue.clear();
            onFailure.accept(failure);
        }
    }

    /**
     * Decides who continues the drain after one asynchronous send: the first of (the send completes, the sender
     * returns from {@code sendText}) only marks its arrival; the second carries on. So exactly one thread drains.
     */
    private final class Completion implements SendHandler {
        private final AtomicBoolean firstArrived = new AtomicBoolean();

        @Override
        public void onResult(SendResult result) {
            if (!result.isOK()) {
                fail(Failure.SEND_FAILED);
            }
            if (!firstArrived.compareAndSet(false, true)) {
                runDrain();
            }
        }

        /** True if the send is still in flight: its completion will resume the drain, so the sender must stop. */
        boolean senderLetsGo() {
            return firstArrived.compareAndSet(false, true);
        }
    }
}
