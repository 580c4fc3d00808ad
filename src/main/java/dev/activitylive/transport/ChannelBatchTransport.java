package dev.activitylive.transport;

import dev.activitylive.container.UndertowFrames;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hands every frame a drain took to the server's WebSocket channel at once and flushes it once, where the server's
 * channel gathers queued frames into one write (Undertow's): the frames were encoded once per event, so per client
 * nothing is encoded again, and a burst costs one write per client instead of one per frame.
 */
final class ChannelBatchTransport implements Transport {

    static final String NAME = "channel-batches";

    /** Frames queued per flush; as on the raw-frame path. */
    private static final int MAX_FRAMES_PER_WRITE = 512;

    private final Session session;
    private final Object channel;
    private final UndertowFrames frames;

    ChannelBatchTransport(Session session, Object channel, UndertowFrames frames) {
        this.session = session;
        this.channel = channel;
        this.frames = frames;
    }

    @Override
    public ReadSide readSide() {
        return ReadSide.UNKNOWN;
    }

    @Override
    public int maxFramesPerWrite() {
        return MAX_FRAMES_PER_WRITE;
    }

    @Override
    public void write(List<Outbound> batch, Consumer<Throwable> written) {
        if (!session.isOpen()) {
            written.accept(new IOException("connection closed"));
            return;
        }
        List<byte[]> encoded = new ArrayList<>(batch.size());
        for (Outbound frame : batch) {
            encoded.add(frame.frame());
        }
        try {
            frames.send(channel, encoded, written);
        } catch (RuntimeException | Error failed) {
            throw failed;
        } catch (Throwable failed) {
            written.accept(failed);
        }
    }

    /** The channel's own I/O thread: it writes a flush at once, where from a writer thread it would be handed over. */
    @Override
    public Executor drainsOn(Executor writers) {
        try {
            return frames.ioThreadOf(channel);
        } catch (Throwable unreadable) {
            return writers;
        }
    }

    @Override
    public String name() {
        return NAME;
    }
}
