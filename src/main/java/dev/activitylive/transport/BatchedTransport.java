package dev.activitylive.transport;

import dev.activitylive.container.FrameWriter;
import dev.activitylive.container.GuardedConnection;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Writes every frame a drain took at once, through the server's own {@link FrameWriter}: the frames were encoded once
 * per event, so per client this only hands over bytes, and at 1000 clients under a burst one write carries tens of
 * frames. The writes take the monitor of the server's reader of the connection, where it has one.
 */
final class BatchedTransport implements Transport {

    /** Frames taken per write: enough to amortize the write, small enough that one client's write stays short. */
    private static final int MAX_FRAMES_PER_WRITE = 512;

    private final Session session;
    private final FrameWriter writer;
    private final Object connection;
    private final ReadSide readSide;

    BatchedTransport(Session session, FrameWriter writer, Object connection, Optional<GuardedConnection> guarded) {
        this.session = session;
        this.writer = writer;
        this.connection = connection;
        this.readSide = ReadSide.of(guarded, writer.readLockOf(connection));
    }

    @Override
    public ReadSide readSide() {
        return readSide;
    }

    @Override
    public int maxFramesPerWrite() {
        return MAX_FRAMES_PER_WRITE;
    }

    @Override
    public void write(List<Outbound> frames, Consumer<Throwable> written) {
        if (!session.isOpen()) {
            written.accept(new IOException("connection closed"));
            return;
        }
        List<byte[]> encoded = new ArrayList<>(frames.size());
        for (Outbound frame : frames) {
            encoded.add(frame.frame());
        }
        CompletionStage<?> sent;
        try {
            sent = readSide.write(() -> writer.write(connection, encoded));
        } catch (Throwable failed) {
            written.accept(failed);
            return;
        }
        // Outside the reader's monitor: what a failure sets off may close the session, which takes locks the other way.
        sent.whenComplete((done, failure) -> written.accept(failure));
    }

    /**
     * The server's own thread of the connection where it has one: a write from there goes out with no hand-over.
     * With a write delay, the writer pool, which keeps the delay windows.
     */
    @Override
    public Executor drainsOn(Writers writers) {
        return writers.delaysWrites() ? writers : writer.ownThreadOf(connection).orElse(writers);
    }

    /** On threads of their own where the server's close may wait for a batch out to a client that does not read. */
    @Override
    public Executor closesOn(Writers writers) {
        return writer.closesMayWait() ? writers.mayBlock() : writers;
    }

    @Override
    public String name() {
        return writer.name();
    }
}
