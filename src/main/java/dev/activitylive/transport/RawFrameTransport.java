package dev.activitylive.transport;

import dev.activitylive.container.GuardedConnection;
import dev.activitylive.container.RawFrames;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Writes every frame a drain took in one socket write: the frames were encoded once per event, so per client this
 * only copies bytes. At 1000 clients under a burst one write carries tens of frames.
 */
public final class RawFrameTransport implements Transport {

    static final String NAME = "raw-frames";

    /** Frames taken per write: enough to amortize the write, small enough that one client's write stays short. */
    private static final int MAX_FRAMES_PER_WRITE = 512;

    private final Session session;
    private final Object webSocket;
    private final RawFrames rawFrames;
    private final ReadSide readSide;

    RawFrameTransport(Session session, Object webSocket, RawFrames rawFrames, Optional<GuardedConnection> guarded) {
        this.session = session;
        this.webSocket = webSocket;
        this.rawFrames = rawFrames;
        this.readSide = ReadSide.of(guarded, webSocket);
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
        Future<?> sent;
        try {
            ByteBuffer bytes = join(frames);
            sent = readSide.write(() -> rawFrames.send(webSocket, bytes));
        } catch (Throwable failed) {
            written.accept(failed);
            return;
        }
        if (sent instanceof CompletionStage<?> stage) {
            stage.whenComplete((frame, failure) -> written.accept(failure));
        } else {
            // Tyrus's futures are CompletableFutures; a future that is not would only cost this thread a wait.
            try {
                sent.get();
                written.accept(null);
            } catch (ExecutionException failed) {
                written.accept(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                written.accept(interrupted);
            }
        }
    }

    /** The frames back to back; a single frame goes as it is, its bytes shared (nobody writes to them). */
    public static ByteBuffer join(List<Outbound> frames) {
        if (frames.size() == 1) {
            return ByteBuffer.wrap(frames.get(0).frame());
        }
        int total = 0;
        for (Outbound frame : frames) {
            total += frame.frame().length;
        }
        byte[] joined = new byte[total];
        int at = 0;
        for (Outbound frame : frames) {
            byte[] bytes = frame.frame();
            System.arraycopy(bytes, 0, joined, at, bytes.length);
            at += bytes.length;
        }
        return ByteBuffer.wrap(joined);
    }

    @Override
    public String name() {
        return NAME;
    }
}
