package dev.activitylive.transport;

import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Standard Jakarta WebSocket sends, one asynchronous send per frame: what works on every server.
 *
 * <p>Each send runs with a context class loader that has no resources. On Payara every Tyrus send schedules a task
 * on a managed executor, and capturing the context of that task runs a {@code ServiceLoader} lookup through the
 * thread's context class loader: a scan of the application's class path per delivery, most of the send's CPU.
 * Neither the send nor that task needs the application's classes, so an empty loader makes the scan free.
 */
final class PortableTransport implements Transport {

    static final String NAME = "portable";

    private static final ClassLoader NO_RESOURCES = new ClassLoader(null) {
    };
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
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(NO_RESOURCES);
        try {
            readSide.write(() -> send(frames.get(0), written));
        } catch (IOException controlFrameFailed) {
            written.accept(controlFrameFailed);
        } catch (RuntimeException | Error failed) {
            throw failed;
        } catch (Throwable unexpected) {
            written.accept(unexpected);
        } finally {
            thread.setContextClassLoader(previous);
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
