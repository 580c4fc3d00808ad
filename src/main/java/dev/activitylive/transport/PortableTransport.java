package dev.activitylive.transport;

import dev.activitylive.container.EmptyContextLoader;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Standard Jakarta WebSocket sends, one asynchronous send per frame: what works on every server. Each send runs with
 * an {@link EmptyContextLoader}, which makes Payara's per-send context capture cheap.
 */
final class PortableTransport implements Transport {

    static final String NAME = "portable";

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final RemoteEndpoint.Async remote;
    private final ReadSide readSide;

    PortableTransport(RemoteEndpoint.Async remote, ReadSide readSide) {
        this.remote = remote;
        this.readSide = readSide;
    }

    @Override
    public ReadSide readSide() {
        return readSide;
    }

    @Override
    public int maxFramesPerWrite() {
        return 1;
    }

    @Override
    public void write(List<Outbound> frames, Consumer<Throwable> written) {
        EmptyContextLoader emptyLoader = EmptyContextLoader.enter();
        try {
            readSide.write(() -> send(frames.get(0), written));
        } catch (IOException controlFrameFailed) {
            written.accept(controlFrameFailed);
        } catch (RuntimeException | Error failed) {
            throw failed;
        } catch (Throwable unexpected) {
            written.accept(unexpected);
        } finally {
            emptyLoader.close();
        }
    }

    private Void send(Outbound frame, Consumer<Throwable> written) throws IOException {
        if (frame instanceof Outbound.Text text) {
            remote.sendText(text.json(), result -> written.accept(result.isOK() ? null : result.getException()));
        } else if (frame instanceof Outbound.Pong pong) {
            remote.sendPong(ByteBuffer.wrap(pong.payload()));
            written.accept(null);
        } else {
            remote.sendPing(EMPTY.duplicate());
            written.accept(null);
        }
        return null;
    }

    @Override
    public String name() {
        return NAME;
    }
}
