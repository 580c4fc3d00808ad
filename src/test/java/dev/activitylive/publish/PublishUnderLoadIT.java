package dev.activitylive.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.LocalCluster;
import dev.activitylive.testsupport.RawSocket;
import dev.activitylive.testsupport.TestEventStream;
import dev.activitylive.testsupport.TestSocket;
import jakarta.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The standalone server as {@code server-config/run.sh} starts it, under publishers on keep-alive connections whose
 * bodies come after the request's head, in pieces and with pauses, as Node's and the JDK's HTTP clients send them, at
 * sizes on both sides of 64 KiB (what one read of the container takes), while a WebSocket client and an event stream
 * read, another WebSocket client reads nothing and a second event stream leaves half-way: every request is answered
 * 202, every event reaches each reader exactly once (a request answered wrongly and sent again would show as a
 * duplicate, one lost as a gap), and the server logs no warning or error.
 */
@DisabledIfSystemProperty(named = "it.server", matches = "wildfly|liberty", disabledReason = "starts Payara "
        + "Micro with server-config/run.sh: it runs in the Payara legs (ServerScriptIT runs the others' own scripts)")
class PublishUnderLoadIT {

    private static final int PUBLISHERS = 8;
    private static final int REQUESTS_EACH = 250;
    private static final int EVENTS_PER_REQUEST = 3;
    /** Body sizes: one that comes with the head, then around and well past 64 KiB. */
    private static final int[] SIZES = {700, 60_000, 65_000, 66_000, 70_000, 130_000};

    private Api api;

    @Test
    @Timeout(400)
    void everyBodyThatComesAfterItsHeadIsAnsweredOnceAndEachEventReachesEachReaderOnce() throws Exception {
        LocalCluster.Instance server = LocalCluster.startAloneReady(Map.of(
                "activity.live.client-queue-max-bytes", "262144",
                "activity.live.heartbeat-interval-ms", "1000"));
        try {
            api = server.api();
            publishWhileClientsReadAndOneStalls();
        } finally {
            LocalCluster.stop(server);
        }
        assertEquals(List.of(), Files.readAllLines(server.log(), StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("[WARN") || line.contains("[SEVERE]") || line.contains("[ERROR]"))
                .toList(), "no warning or error in the server's log");
    }

    private void publishWhileClientsReadAndOneStalls() throws Exception {
        URI events = api.http("api/v1/activity/events");
        List<String> wrongAnswers = new ArrayList<>();
        try (TestSocket reader = TestSocket.connected(api.live());
             TestEventStream stream = TestEventStream.open(api.http("api/v1/activity/stream"));
             RawSocket stalled = RawSocket.connect(api.live(), 60_000, 4096)) {
            ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);
            try (TestEventStream leaving = TestEventStream.open(api.http("api/v1/activity/stream"))) {
                List<Future<List<String>>> runs = IntStream.range(0, PUBLISHERS)
                        .mapToObj(publisher -> publishers.submit(() -> publish(events, publisher)))
                        .toList();
                Api.pause(Duration.ofSeconds(2));
                leaving.close(); // its end is handled while the publishers go on
                for (Future<List<String>> run : runs) {
                    wrongAnswers.addAll(run.get(4, TimeUnit.MINUTES));
                }
            } finally {
                publishers.shutdownNow();
            }
            assertEquals(List.of(), wrongAnswers, "every one of " + PUBLISHERS * REQUESTS_EACH + " requests: 202");

            Set<String> sent = IntStream.range(0, PUBLISHERS).boxed()
                    .flatMap(publisher -> IntStream.range(0, REQUESTS_EACH).boxed()
                            .flatMap(request -> IntStream.range(0, EVENTS_PER_REQUEST)
                                    .mapToObj(event -> id(publisher, request, event))))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertOnceEach(sent, memoryIds(reader.eventsUntilQuiet(Duration.ofSeconds(3))), "the WebSocket");
            assertOnceEach(sent, memoryIds(stream.eventsUntilQuiet(Duration.ofSeconds(3)).stream()
                    .map(TestEventStream.Event::json).toList()), "the event stream");
        }
    }

    /** One publisher's keep-alive connection: its requests one after another; what was not a 202, described. */
    private List<String> publish(URI events, int publisher) throws IOException {
        Random random = new Random(publisher);
        List<String> wrong = new ArrayList<>();
        Socket socket = null;
        InputStream in = null;
        try {
            for (int request = 0; request < REQUESTS_EACH; request++) {
                if (socket == null) {
                    socket = new Socket(events.getHost(), events.getPort());
                    socket.setSoTimeout(60_000);
                    socket.setTcpNoDelay(true);
                    in = new BufferedInputStream(socket.getInputStream());
                }
                int size = SIZES[random.nextInt(SIZES.length)];
                byte[] body = body(publisher, request, size);
                OutputStream out = socket.getOutputStream();
                byte[] head = ("POST " + events.getRawPath() + " HTTP/1.1\r\nHost: " + events.getAuthority()
                        + "\r\nAuthorization: " + api.basic("publisher", Api.PUBLISHER_PASSWORD)
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                if (size < 1000) {
                    out.write(concat(head, body)); // head and body in one write, as small events come
                } else {
                    out.write(head);
                    out.flush();
                    pauseSometimes(random);
                    int cut = 1 + random.nextInt(body.length - 1);
                    out.write(body, 0, cut);
                    out.flush();
                    pauseSometimes(random);
                    out.write(body, cut, body.length - cut);
                }
                out.flush();
                Answer answer = Answer.read(in);
                if (answer.status() != 202 || !answer.body().equals("{\"accepted\":" + EVENTS_PER_REQUEST + "}")) {
                    wrong.add("publisher " + publisher + ", request " + request + " (" + size + " bytes): " + answer);
                }
                if (answer.status() != 202 || "close".equalsIgnoreCase(answer.headers().get("connection"))) {
                    socket.close();
                    socket = null;
                }
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
        return wrong;
    }

    /** A pause between the parts of a request in half of them: from none (Nagle's worth) to 3 ms. */
    private static void pauseSometimes(Random random) {
        if (random.nextBoolean()) {
            Api.pause(Duration.ofMillis(random.nextInt(4)));
        }
    }

    private static String id(int publisher, int request, int event) {
        return "p" + publisher + "-r" + request + "-e" + event;
    }

    /** A batch of events, padded with JSON white space to {@code size} bytes. */
    private static byte[] body(int publisher, int request, int size) {
        String batch = IntStream.range(0, EVENTS_PER_REQUEST)
                .mapToObj(event -> "{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\",\"memoryId\":\""
                        + id(publisher, request, event) + "\",\"userId\":\"u\",\"success\":true}}")
                .collect(Collectors.joining(",", "[", "]"));
        String padding = " \n".repeat(Math.max(0, size - batch.length()) / 2);
        return ("[" + padding + batch.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    /** The ids of the memory operations among {@code messages} (an event stream begins with its greeting). */
    private static List<String> memoryIds(List<JsonObject> messages) {
        return messages.stream().filter(message -> message.getString("type").equals("memory_operation"))
                .map(message -> message.getJsonObject("data").getString("memoryId")).toList();
    }

    private static void assertOnceEach(Set<String> sent, List<String> received, String reader) {
        Map<String, Long> counts = received.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<String> twice = counts.entrySet().stream().filter(entry -> entry.getValue() > 1)
                .map(Map.Entry::getKey).sorted().limit(10).toList();
        assertEquals(List.of(), twice, reader + " got these more than once");
        Collection<String> missing = new TreeSet<>(sent);
        missing.removeAll(counts.keySet());
        assertEquals(List.of(), missing.stream().limit(10).toList(), reader + " missed " + missing.size());
        assertEquals(sent, counts.keySet(), reader + " got exactly what was sent");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** One HTTP/1.1 answer with a Content-Length body, as read off the connection. */
    private record Answer(int status, Map<String, String> headers, String body) {

        static Answer read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine.isEmpty()) {
                return new Answer(-1, Map.of(), "(the connection ended without an answer)");
            }
            Map<String, String> headers = new java.util.HashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }
}
