package dev.activitylive.publish;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Collects a request body as it arrives, without a thread waiting for it: a publisher that sends its body slowly (or
 * never finishes it) holds no container thread. Stops at {@code limit} + 1 bytes, enough to tell the body is too
 * large, and hands on what it has once; a failed read is handed on instead.
 */
final class BodyReader implements ReadListener {

    private final ServletInputStream in;
    private final int limit;
    private final Consumer<byte[]> whole;
    private final Consumer<Throwable> failed;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final byte[] chunk = new byte[8192];
    private boolean finished;

    BodyReader(ServletInputStream in, int limit, Consumer<byte[]> whole, Consumer<Throwable> failed) {
        this.in = in;
        this.limit = limit;
        this.whole = whole;
        this.failed = failed;
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!finished && in.isReady()) {
            int read = in.read(chunk);
            if (read < 0) {
                return; // the end: onAllDataRead follows
            }
            bytes.write(chunk, 0, read);
            if (bytes.size() > limit) {
                finish();
            }
        }
    }

    @Override
    public void onAllDataRead() {
        finish();
    }

    @Override
    public void onError(Throwable failure) {
        if (!finished) {
            finished = true;
            failed.accept(failure);
        }
    }

    private void finish() {
        if (!finished) {
            finished = true;
            whole.accept(bytes.toByteArray());
        }
    }
}
