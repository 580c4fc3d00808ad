package dev.activitylive.transport;

import dev.activitylive.container.servers.ThisServer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.websocket.CloseReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@code text/event-stream} response as a client's transport: each write is every queued frame as SSE text, in one
 * non-blocking servlet write and flush. A client whose socket is full holds no thread: the container calls
 * {@link #onWritePossible} when it may go on (except on Open Liberty, whose writes block: see {@link #drainsOn}). Pings become comment lines; a client's pongs do not exist here, since an
 * event stream does not talk back.
 * <p>
 * A write is only started after {@code isReady()} said true, and every path that waits asks {@code isReady()} first:
 * that is what obliges the container to call {@code onWritePossible} later (Grizzly 4.0.2, in Payara 6.2025.10, calls
 * it only after {@code isReady()} was called once).
 */
public final class EventStreamTransport implements Transport, WriteListener {

    public static final String NAME = "event-stream";

    private static final Logger LOG = Logger.getLogger(EventStreamTransport.class.getName());
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

    private final AsyncContext async;
    private final ServletOutputStream out;
    /** Guards the state below: writers and the container's callbacks both advance it. */
    private final Object lock = new Object();
    private byte[] preamble;
    private byte[] unwritten;
    private boolean unflushed;
    private Consumer<Throwable> waiting;
    /** The last event, written once nothing else is in flight; then the response is completed. */
    private byte[] last;
    private boolean ending;
    private boolean ended;
    private Throwable failure;

    private EventStreamTransport(AsyncContext async, ServletOutputStream out, byte[] preamble) {
        this.async = async;
        this.out = out;
        this.preamble = preamble;
    }

    /**
     * Takes over the response of {@code async}, whose headers are set: from now on it is written without blocking.
     * {@code retryMillis} is the reconnection delay the stream's first line tells the client.
     */
    public static EventStreamTransport open(AsyncContext async, long retryMillis) throws IOException {
        // The head goes out now, blocking, before the stream turns non-blocking. Open Liberty 26.0.0.3 ignores the
        // first flush of a response; with this one spent, each write's flush sends it.
        async.getResponse().flushBuffer();
        ServletOutputStream out = async.getResponse().getOutputStream();
        byte[] preamble = ("retry: " + retryMillis + "\n\n").getBytes(StandardCharsets.US_ASCII);
        EventStreamTransport transport = new EventStreamTransport(async, out, preamble);
        out.setWriteListener(transport);
        return transport;
    }

    @Override
    public int maxFramesPerWrite() {
        return 256;
    }

    @Override
    public void write(List<Outbound> frames, Consumer<Throwable> written) {
        ByteArrayOutputStream text = new ByteArrayOutputStream(frames.size() * 256);
        for (Outbound frame : frames) {
            if (frame instanceof Outbound.Text message) {
                text.writeBytes(message.event());
            } else if (frame == Outbound.Ping.FRAME) {
                text.writeBytes(HEARTBEAT);
            }
        }
        Consumer<Throwable> done;
        Throwable failed;
        synchronized (lock) {
            if (failure != null || ending) {
                done = written;
            } else {
                unwritten = preamble == null ? text.toByteArray() : concat(preamble, text.toByteArray());
                preamble = null;
                waiting = written;
                done = advance();
            }
            failed = failure;
        }
        if (done != null) {
            done.accept(failed);
        }
    }

    /**
     * Ends the stream as a WebSocket would be closed with {@code reason}: after the write in flight, if any, an event
     * {@code close} carrying {@code {"code":N,"reason":"..."}} (a named event, which a plain {@code onmessage} never
     * sees), then the end of the response. Only the first call counts.
     */
    public void end(CloseReason reason) {
        // The reasons are the server's own words (CloseReasons): nothing in them needs escaping in JSON.
        byte[] lastEvent = ("event: close\ndata: {\"code\":" + reason.getCloseCode().getCode() + ",\"reason\":\""
                + reason.getReasonPhrase() + "\"}\n\n").getBytes(StandardCharsets.UTF_8);
        moveOn(() -> {
            if (!ending) {
                ending = true;
                last = lastEvent;
            }
        });
    }

    @Override
    public void onWritePossible() {
        moveOn(() -> { });
    }

    /** Applies {@code change} and advances, under the lock; then completes the write that finished, outside it. */
    private void moveOn(Runnable change) {
        Consumer<Throwable> done;
        Throwable failed;
        synchronized (lock) {
            change.run();
            done = advance();
            failed = failure;
        }
        if (done != null) {
            done.accept(failed);
        }
    }

    @Override
    public void onError(Throwable error) {
        LOG.log(Level.FINE, "An event stream failed: {0}", error.toString());
        Consumer<Throwable> done;
        synchronized (lock) {
            done = failed(error);
        }
        if (done != null) {
            done.accept(error);
        }
    }

    /**
     * Moves the response on as far as it goes without blocking, and answers the completion to call if the write
     * in flight is done. Every wait begins with {@code isReady()} answering false, which makes the container call
     * {@link #onWritePossible} when it may go on.
     */
    private Consumer<Throwable> advance() {
        Consumer<Throwable> done = null;
        try {
            while (!ended && out.isReady()) {
                if (unwritten != null) {
                    out.write(unwritten);
                    unwritten = null;
                    unflushed = true;
                } else if (unflushed) {
                    out.flush();
                    unflushed = false;
                } else if (waiting != null) {
                    done = waiting;
                    waiting = null;
                } else if (ending && last != null) {
                    unwritten = last;
                    last = null;
                } else if (ending) {
                    ended = true;
                    ThisServer.complete(async);
                } else {
                    break;
                }
            }
            return done;
        } catch (IOException | RuntimeException gone) {
            LOG.log(Level.FINE, "An event stream's write failed: {0}", gone.toString());
            Consumer<Throwable> failedWrite = failed(gone);
            return done != null ? done : failedWrite;
        }
    }

    /** Gives the response up after {@code error}: answers the completion of the write in flight, if any. */
    private Consumer<Throwable> failed(Throwable error) {
        failure = error;
        unwritten = null;
        last = null;
        Consumer<Throwable> done = waiting;
        waiting = null;
        if (!ended) {
            ended = true;
            try {
                ThisServer.complete(async);
            } catch (IllegalStateException alreadyEnded) {
                LOG.log(Level.FINEST, "An event stream had ended already");
            }
        }
        return done;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /**
     * Threads of their own: Open Liberty 26.0.0.3 writes and flushes a response in non-blocking mode synchronously
     * (its {@code HttpOutputStreamImpl.flushBuffers}), so a write to a client that does not read blocks.
     */
    @Override
    public Executor drainsOn(Writers writers) {
        return writers.mayBlock();
    }

    /** Where its drains run: the close waits for a write that may block. */
    @Override
    public Executor closesOn(Writers writers) {
        return writers.mayBlock();
    }

    @Override
    public ReadSide readSide() {
        return ReadSide.UNKNOWN;
    }

    @Override
    public boolean answersPings() {
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }
}
