package dev.activitylive.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N WebSocket clients (JDK {@code java.net.http}) of one run. Each records the bench events it gets: how many, which
 * sequence numbers (to count lost, duplicated and out-of-order ones) and, per delivery, publish → receive latency
 * from the send time the publisher wrote into the event (same JVM, same clock). A slow client stops reading once
 * told to: it requests no more messages, so the JDK client stops reading its socket and TCP pushes back on the
 * server, as with a real stalled browser tab. Over the event stream ({@link #overEventStream}) each client is one
 * {@code text/event-stream} response read line by line.
 */
final class Fleet implements AutoCloseable {

    /** Connections opened at once: enough to be quick, few enough not to trip a server's accept backlog. */
    private static final int CONNECTING_AT_ONCE = 128;

    final List<Client> clients = new ArrayList<>();
    final List<Long> connectNanos = new ArrayList<>();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong lastDeliveryNanos = new AtomicLong();
    private final long[] latencies;
    private final AtomicInteger latencyCount = new AtomicInteger();
    private final int events;
    private final int publishers;
    /** The event streams' responses, ended on close. */
    private List<CompletableFuture<?>> streams = List.of();

    /**
     * Opens {@code total} clients (round-robin over {@code lives}, the live URLs of the server's instances), the last {@code slow} of them slow, expecting {@code events} bench events each from
     * {@code publishers} publishers (publisher p publishes the sequence numbers s with s % publishers == p, in order).
     */
    Fleet(HttpClient http, List<URI> lives, int total, int slow, int events, int publishers, long latencyCapacity,
          Duration timeout) throws InterruptedException {
        this.events = events;
        this.publishers = Math.max(1, publishers);
        this.latencies = new long[(int) Math.min(latencyCapacity, 20_000_000)];
        Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        long[] started = new long[total];
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < total; i++) {
            if (!connecting.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("connecting " + total + " clients took longer than " + timeout);
            }
            Client client = new Client(i >= total - slow);
            clients.add(client);
            started[i] = System.nanoTime();
            int index = i;
            URI live = lives.get(i % lives.size()); // in a cluster, the clients are split across its instances
            opening.add(http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(live, client)
                    .whenComplete((socket, failure) -> {
                        client.connectedNanos = System.nanoTime() - started[index];
                        connecting.release();
                    }));
        }
        for (CompletableFuture<WebSocket> each : opening) {
            try {
                each.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception failed) {
                throw new IllegalStateException("a client could not connect: " + failed, failed);
            }
        }
        clients.forEach(client -> connectNanos.add(client.connectedNanos));
    }

    private Fleet(int events, long latencyCapacity) {
        this.events = events;
        this.publishers = 1;
        this.latencies = new long[(int) Math.min(latencyCapacity, 20_000_000)];
    }

    /**
     * Opens {@code total} event-stream clients, {@code GET /api/v1/activity/stream} next to each live URL, over
     * {@code http} (HTTP/1.1), expecting {@code events} bench events each from one publisher.
     */
    static Fleet overEventStream(HttpClient http, List<URI> lives, int total, int events, long latencyCapacity,
                                 Duration timeout) throws InterruptedException {
        Fleet fleet = new Fleet(events, latencyCapacity);
        Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
        List<CompletableFuture<?>> opening = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < total; i++) {
            if (!connecting.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("connecting " + total + " clients took longer than " + timeout);
            }
            Client client = fleet.new Client(false);
            fleet.clients.add(client);
            URI live = lives.get(i % lives.size());
            URI stream = URI.create("http://" + live.getAuthority() + "/api/v1/activity/stream");
            long started = System.nanoTime();
            // The answer's headers come with the first event: connection_established marks the client connected.
            client.onEstablished = () -> {
                client.connectedNanos = System.nanoTime() - started;
                connecting.release();
            };
            opening.add(http.sendAsync(HttpRequest.newBuilder(stream).GET().build(),
                            HttpResponse.BodyHandlers.fromLineSubscriber(client.lines()))
                    .whenComplete((response, failure) -> {
                        if (failure != null) {
                            client.error = failure.getClass().getSimpleName();
                        }
                    }));
        }
        fleet.streams = opening;
        fleet.awaitEstablished(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        fleet.clients.forEach(client -> fleet.connectNanos.add(client.connectedNanos));
        return fleet;
    }

    /** Waits until every client has its {@code connection_established}. */
    void awaitEstablished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (clients.stream().anyMatch(client -> !client.established)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every client got connection_established within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Slow clients stop reading from now on. */
    void stallSlowClients() {
        clients.stream().filter(client -> client.slow).forEach(client -> client.stalled = true);
    }

    /** Slow clients read again (to see how the server ended their connection). */
    void resumeSlowClients() {
        clients.stream().filter(client -> client.slow && client.socket != null).forEach(client -> {
            client.stalled = false;
            client.socket.request(Long.MAX_VALUE);
        });
    }

    /** Waits until {@code expected} bench deliveries arrived or nothing arrived for {@code quiet}, within {@code timeout}. */
    void awaitDeliveries(long expected, Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        long lastChange = System.nanoTime();
        while (delivered.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
            long now = delivered.get();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > quiet.toNanos()) {
                return;
            }
        }
    }

    /** Latency percentiles of the fast clients' deliveries, in microseconds: p50, p90, p99, max. */
    long[] latencyPercentilesMicros() {
        int count = Math.min(latencyCount.get(), latencies.length);
        long[] sorted = java.util.Arrays.copyOf(latencies, count);
        java.util.Arrays.sort(sorted);
        if (count == 0) {
            return new long[] {-1, -1, -1, -1};
        }
        return new long[] {at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[count - 1] / 1000};
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1000;
    }

    /** Bench events each fast client should have had but did not, summed. */
    long lost(boolean slowOnes) {
        return clients.stream().filter(client -> client.slow == slowOnes)
                .mapToLong(client -> events - client.seen.cardinality()).sum();
    }

    long duplicated() {
        return clients.stream().mapToLong(client -> client.duplicated).sum();
    }

    long outOfOrder() {
        return clients.stream().mapToLong(client -> client.outOfOrder).sum();
    }

    @Override
    public void close() {
        for (Client client : clients) {
            if (client.socket != null) {
                client.socket.abort();
            }
            if (client.subscription != null) {
                client.subscription.cancel();
            }
        }
        streams.forEach(stream -> stream.cancel(true));
    }

    /** One connection. The JDK calls a listener for one message at a time, so its fields need no lock. */
    final class Client implements WebSocket.Listener {
        final boolean slow;
        final BitSet seen = new BitSet();
        volatile WebSocket socket;
        volatile boolean established;
        volatile boolean stalled;
        volatile long connectedNanos;
        volatile int keepalives;
        volatile int closeCode = -1;
        volatile String error;
        /** The last sequence number seen from each publisher: order holds per publisher, as it does per producer. */
        final int[] lastSeq = new int[publishers];
        long duplicated;
        long outOfOrder;
        private StringBuilder partial;
        /** An event-stream client's subscription to its response's lines, and what its first event does. */
        volatile Flow.Subscription subscription;
        volatile Runnable onEstablished;

        Client(boolean slow) {
            this.slow = slow;
            java.util.Arrays.fill(lastSeq, -1);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(slow ? 1 : Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                (partial == null ? partial = new StringBuilder() : partial).append(data);
            } else {
                String message = partial == null ? data.toString() : partial.append(data).toString();
                partial = null;
                received(message);
            }
            if (slow && !stalled) {
                webSocket.request(1);
            }
            return null;
        }

        /** Reads an event stream: each {@code data:} line is one message, as the WebSocket would have sent it. */
        Flow.Subscriber<String> lines() {
            return new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription lines) {
                    subscription = lines;
                    lines.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(String line) {
                    if (line.startsWith("data: ")) {
                        received(line.substring("data: ".length()));
                    }
                }

                @Override
                public void onError(Throwable failure) {
                    error = failure.getClass().getSimpleName();
                }

                @Override
                public void onComplete() {
                    closeCode = 1000;
                }
            };
        }

        private void received(String message) {
            int at = message.indexOf(Events.MARK);
            if (at < 0) {
                if (message.contains("\"connection_established\"")) {
                    established = true;
                    Runnable first = onEstablished;
                    if (first != null) {
                        onEstablished = null;
                        first.run();
                    }
                } else if (message.contains("\"keepalive\"")) {
                    keepalives++;
                }
                return;
            }
            long now = System.nanoTime();
            int from = at + Events.MARK.length();
            int colon = message.indexOf(':', from);
            int end = message.indexOf('"', colon);
            int seq = Integer.parseInt(message, from, colon, 10);
            long sent = Long.parseLong(message, colon + 1, end, 10);
            if (seen.get(seq)) {
                duplicated++;
            } else {
                seen.set(seq);
            }
            int publisher = seq % publishers;
            if (seq < lastSeq[publisher]) {
                outOfOrder++;
            }
            lastSeq[publisher] = Math.max(lastSeq[publisher], seq);
            if (!slow) { // a stalled client's latency is the stall, not the server's
                int slot = latencyCount.getAndIncrement();
                if (slot < latencies.length) {
                    latencies[slot] = now - sent;
                }
            }
            lastDeliveryNanos.accumulateAndGet(now, Math::max);
            delivered.incrementAndGet();
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
            if (slow && !stalled) {
                webSocket.request(1);
            }
            return null; // the JDK answers with a pong by itself
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable failure) {
            error = failure.getClass().getSimpleName();
        }
    }
}
