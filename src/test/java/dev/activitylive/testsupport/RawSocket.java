package dev.activitylive.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bare WebSocket client over a plain socket, for what the JDK client will not do: it never answers a ping, so it
 * looks like a dead peer to the server. Reads server frames (unmasked, unfragmented) one at a time.
 */
public final class RawSocket implements AutoCloseable {

    /** One frame from the server. */
    public record Frame(int opcode, byte[] payload) {
        public static final int TEXT = 0x1;
        public static final int CLOSE = 0x8;
        public static final int PING = 0x9;
        public static final int PONG = 0xA;

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** For a close frame: the status code. */
        public int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        /** For a close frame: the reason. */
        public String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** The server's answer to a handshake: its status, headers (names in lower case) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    /**
     * Sends a WebSocket handshake with {@code headers} added (or replacing the standard ones of the same name) and
     * reads the answer, then closes the connection: for handshakes the server refuses, whose status and body the JDK
     * client does not show.
     */
    public static Answer handshake(URI uri, Map<String, String> headers) throws IOException {
        return request(uri, "GET", "HTTP/1.1", headers);
    }

    /**
     * Like {@link #handshake(URI, Map)} with another method or protocol in the request line; a header whose value in
     * {@code headers} is null is left out.
     */
    public static Answer request(URI uri, String method, String protocol, Map<String, String> headers)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout(10_000);
            RawSocket raw = new RawSocket(socket);
            raw.out.write(upgradeRequest(uri, method, protocol, headers).getBytes(StandardCharsets.US_ASCII));
            raw.out.flush();
            List<String> head = raw.readHead().lines().toList();
            Map<String, String> answered = new HashMap<>();
            for (String line : head.subList(1, head.size())) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    answered.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                }
            }
            int status = Integer.parseInt(head.get(0).split(" ")[1]);
            return new Answer(status, answered, raw.readBody(answered));
        }
    }

    /** The body after the head: {@code Content-Length} bytes, or every chunk of a chunked body. */
    private String readBody(Map<String, String> headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                body.write(in.readNBytes(size));
                in.readNBytes(2);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("close".equalsIgnoreCase(headers.get("connection"))) {
            body.write(in.readAllBytes()); // delimited by the end of the connection
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private int chunkSize() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return Integer.parseInt(line.toString().trim().split(";")[0], 16);
    }

    /** Sends a WebSocket handshake and resets the connection at once, without waiting for the answer. */
    public static void handshakeAndReset(URI uri) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.getOutputStream().write(upgradeRequest(uri, "GET", "HTTP/1.1", Map.of())
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static String upgradeRequest(URI uri, String method, String protocol, Map<String, String> extra) {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Host", uri.getHost() + ":" + uri.getPort());
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(nonce));
        headers.put("Sec-WebSocket-Version", "13");
        extra.forEach((name, value) -> {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
        });
        StringBuilder request = new StringBuilder(method + " " + uri.getRawPath() + " " + protocol + "\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        return request.append("\r\n").toString();
    }

    /** Opens the connection and completes the upgrade handshake; fails unless the server answers 101. */
    public static RawSocket connect(URI uri, int readTimeoutMillis) throws IOException {
        return connect(uri, readTimeoutMillis, 0);
    }

    /** Like {@link #connect(URI, int)}, with a small receive buffer (if not 0) to make a client that stops reading back up fast. */
    public static RawSocket connect(URI uri, int readTimeoutMillis, int receiveBufferBytes) throws IOException {
        return connect(uri, readTimeoutMillis, receiveBufferBytes, new byte[0]);
    }

    /**
     * Like {@link #connect(URI, int)}, sending {@code afterHandshake} (frames) in the same write as the handshake, as
     * a client does that does not wait for the 101.
     */
    public static RawSocket connectEagerly(URI uri, int readTimeoutMillis, byte[] afterHandshake) throws IOException {
        return connect(uri, readTimeoutMillis, 0, afterHandshake);
    }

    private static RawSocket connect(URI uri, int readTimeoutMillis, int receiveBufferBytes, byte[] afterHandshake)
            throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), readTimeoutMillis);
        socket.setSoTimeout(readTimeoutMillis);
        RawSocket raw = new RawSocket(socket);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(upgradeRequest(uri, "GET", "HTTP/1.1", Map.of()).getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(afterHandshake);
        raw.out.write(request.toByteArray());
        raw.out.flush();
        String status = raw.readHead().lines().findFirst().orElse("");
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + status);
        }
        return raw;
    }

    /** The status line and headers of the answer, up to the empty line. */
    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** The next frame; a read timeout surfaces as {@link java.net.SocketTimeoutException}. */
    public Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** The next text frame that is not a heartbeat keepalive (those may arrive at any time); skips the rest. */
    public Frame readEvent() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.opcode() == Frame.TEXT && !(frame.text().startsWith("{\"type\":\"heartbeat\"")
                    && frame.text().contains("\"message\":\"keepalive\""))) {
                return frame;
            }
        }
    }

    /** Reads frames until a close frame arrives, skipping everything else. */
    public Frame readUntilClose() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.opcode() == Frame.CLOSE) {
                return frame;
            }
        }
    }

    /** Reads until a close frame arrives (returned) or the server ends the connection without one (empty). */
    public Optional<Frame> readUntilCloseOrEnd() throws IOException {
        try {
            return Optional.of(readUntilClose());
        } catch (EOFException | SocketException ended) {
            return Optional.empty();
        }
    }

    /** Sends one masked text frame, as a client must. */
    public void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one masked, final frame of any length with {@code opcode} (1 text, 2 binary). */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        sendFrame(opcode, payload, true);
    }

    /** Sends one masked frame; {@code fin} false starts or continues a fragmented message (continuation: opcode 0). */
    public void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
        byte[] mask = new byte[4];
        new SecureRandom().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(header(opcode, fin, payload.length, mask));
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Sends one frame as no client may: unmasked. */
    public void sendUnmasked(int opcode, byte[] payload) throws IOException {
        out.write(header(opcode, true, payload.length, null));
        out.write(payload);
        out.flush();
    }

    /**
     * The header of a frame announcing {@code length} payload bytes (any length a header can say, 2^40 included),
     * masked with {@code mask} unless it is null: what a client sends before the payload.
     */
    public static byte[] header(int opcode, boolean fin, long length, byte[] mask) {
        ByteArrayOutputStream header = new ByteArrayOutputStream(14);
        header.write((fin ? 0x80 : 0) | opcode);
        int masked = mask == null ? 0 : 0x80;
        if (length <= 125) {
            header.write(masked | (int) length);
        } else if (length <= 0xffff) {
            header.write(masked | 126);
            header.write((int) (length >>> 8));
            header.write((int) (length & 0xff));
        } else {
            header.write(masked | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header.write((int) (length >>> shift) & 0xff);
            }
        }
        if (mask != null) {
            header.write(mask, 0, 4);
        }
        return header.toByteArray();
    }

    /** Writes {@code bytes} as they are: a part of a frame, or several frames. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * After the server's close frame: how many more bytes come before the connection ends (0 for a server that
     * follows RFC 6455 §5.5.1) — read until the end, or for at most {@code wait}.
     */
    public int bytesUntilEnd(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        int count = 0;
        try {
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                count += read;
            }
        } catch (SocketException reset) {
            // the server may end the connection with a reset once it has closed: the end all the same
        } catch (SocketTimeoutException stillOpen) {
            // nothing more within the wait: what came is the answer
        }
        return count;
    }

    /** Ends the connection with a TCP reset: no close frame, no orderly shutdown, as a crashed peer or a NAT drop. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
