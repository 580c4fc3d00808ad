package dev.activitylive.stream;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The stream of one instance: numbers each entry as it is published and hands it to the sink on the publishing
 * thread, under one lock, so every consumer sees the same order.
 */
public final class MemoryBroker implements Broker {

    private final ReentrantLock order = new ReentrantLock();
    private StreamSink sink;
    private long lastId;

    @Override
    public void start(StreamSink sink) {
        order.lock();
        try {
            this.sink = sink;
        } finally {
            order.unlock();
        }
    }

    @Override
    public void stop() {
        // nothing runs of its own
    }

    @Override
    public long publish(StreamEntry entry) {
        order.lock();
        try {
            if (sink == null) {
                throw new IllegalStateException("the stream has not started");
            }
            long id = ++lastId;
            sink.deliver(id, entry);
            return id;
        } finally {
            order.unlock();
        }
    }

    @Override
    public boolean awaitHeld(long first, long last, Duration timeout) {
        return true;
    }
}
