package dev.activitylive.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the guard lets through of a client's bytes, however they are split, and what it refuses at a frame's header. */
class InboundGuardTest {

    private static final int LIMIT = 4096;
    private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

    private long now = 1_000_000_000L;
    private final List<String> pings = new ArrayList<>();
    private final InboundGuard guard = new InboundGuard(LIMIT, 20, () -> now);

    {
        guard.onPing(payload -> pings.add(new String(payload, StandardCharsets.UTF_8)));
    }

    @Test
    void framesPassUnchangedHoweverTheBytesAreSplit() {
        byte[] stream = concat(frame(0x1, true, text("{\"action\":\"ping\"}")), frame(0x2, true, new byte[300]),
                frame(0x1, false, text("part one")), frame(0xA, true, text("pong")), frame(0x0, true, text("two")),
                frame(0x1, true, new byte[LIMIT]));
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            InboundGuard fresh = new InboundGuard(LIMIT, 1000, () -> now);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int at = 0; at < stream.length; ) {
                int chunk = round == 0 ? 1 : Math.min(stream.length - at, 1 + random.nextInt(700));
                fresh.filter(stream, at, chunk, out::write);
                at += chunk;
            }
            assertArrayEquals(stream, out.toByteArray(), "round " + round);
            assertNull(fresh.refusal());
        }
    }

    @Test
    void pingsAreTakenOutAndTheirPayloadsHandedOverUnmasked() {
        byte[] before = frame(0x1, true, text("a"));
        byte[] after = frame(0x1, true, text("b"));
        byte[] stream = concat(before, frame(0x9, true, text("are you there?")), frame(0x9, true, new byte[0]), after);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < stream.length; at++) {
            guard.filter(stream, at, 1, out::write);
        }
        assertArrayEquals(concat(before, after), out.toByteArray());
        assertEquals(List.of("are you there?", ""), pings);
    }

    @Test
    void aFrameAnnouncingMoreThanTheLimitIsRefusedAtItsHeaderWithA1009CloseInItsPlace() {
        byte[] first = frame(0x1, true, text("ok"));
        byte[] header = RawHeader.of(0x1, true, 1L << 40);
        ByteArrayOutputStream out = filter(concat(first, header, new byte[5000]));
        assertEquals(InboundGuard.Refusal.TOO_BIG, guard.refusal());
        assertTrue(guard.ended());
        assertArrayEquals(concat(first, close(1009, "Message too big")), out.toByteArray());
        ByteArrayOutputStream later = new ByteArrayOutputStream();
        guard.filter(new byte[100], 0, 100, later::write);
        assertEquals(0, later.size(), "nothing after the refusal");
    }

    @Test
    void theHeaderAloneIsEnoughToRefuse() {
        assertArrayEquals(close(1009, "Message too big"), filter(RawHeader.of(0x2, true, LIMIT + 1)).toByteArray());
        InboundGuard topBit = new InboundGuard(LIMIT, 20, () -> now);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = RawHeader.of(0x1, true, Long.MIN_VALUE);
        topBit.filter(header, 0, header.length, out::write);
        assertEquals(InboundGuard.Refusal.TOO_BIG, topBit.refusal(), "a length with the top bit set");
    }

    @Test
    void aMessageInFragmentsIsLimitedAsAWholeAndControlFramesBetweenThemCountNothing() {
        byte[] first = frame(0x1, false, new byte[3000]);
        byte[] pong = frame(0xA, true, new byte[100]);
        byte[] second = frame(0x0, false, new byte[1000]);
        ByteArrayOutputStream out = filter(concat(first, pong, second, RawHeader.of(0x0, true, 97)));
        assertEquals(InboundGuard.Refusal.TOO_BIG, guard.refusal());
        assertArrayEquals(concat(first, pong, second, close(1009, "Message too big")), out.toByteArray());
        InboundGuard next = new InboundGuard(LIMIT, 20, () -> now);
        byte[] whole = concat(frame(0x1, false, new byte[3000]), frame(0x0, true, new byte[1096]),
                frame(0x1, true, new byte[LIMIT]));
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        next.filter(whole, 0, whole.length, passed::write);
        assertArrayEquals(whole, passed.toByteArray(), "exactly the limit, then a new message");
    }

    @Test
    void everyFrameCountsAgainstTheRateAndTheOneTooManyIsRefusedWith1008() {
        byte[] ping = frame(0x9, true, new byte[0]);
        byte[] pong = frame(0xA, true, new byte[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 10; i++) {
            guard.filter(ping, 0, ping.length, out::write);
            guard.filter(pong, 0, pong.length, out::write);
        }
        assertNull(guard.refusal(), "a burst of 20 frames is allowed");
        guard.filter(ping, 0, ping.length, out::write);
        assertEquals(InboundGuard.Refusal.TOO_MANY, guard.refusal());
        byte[] passed = out.toByteArray();
        assertArrayEquals(close(1008, "Too many messages"),
                Arrays.copyOfRange(passed, passed.length - close(1008, "Too many messages").length, passed.length));
        assertEquals(10, pings.size());

        InboundGuard steady = new InboundGuard(LIMIT, 20, () -> now);
        for (int i = 0; i < 100; i++) {
            now += 50_000_000L; // 20 a second
            steady.filter(ping, 0, ping.length, new ByteArrayOutputStream()::write);
        }
        assertNull(steady.refusal(), "20 a second for five seconds");
    }

    @Test
    void unmaskedFramesAreRefusedWith1002() {
        for (int opcode : new int[] {0x1, 0x2, 0x8, 0x9, 0xA}) {
            InboundGuard fresh = new InboundGuard(LIMIT, 20, () -> now);
            byte[] unmasked = {(byte) (0x80 | opcode), 2, 'h', 'i'};
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fresh.filter(unmasked, 0, unmasked.length, out::write);
            assertEquals(InboundGuard.Refusal.UNMASKED, fresh.refusal(), "opcode " + opcode);
            assertArrayEquals(close(1002, "Frames must be masked"), out.toByteArray());
        }
    }

    @Test
    void aCloseFramePassesAndNothingAfterIt() {
        byte[] close = frame(0x8, true, new byte[] {0x03, (byte) 0xe8});
        ByteArrayOutputStream out = filter(concat(close, frame(0x1, true, text("late"))));
        assertArrayEquals(close, out.toByteArray());
        assertTrue(guard.ended());
        assertFalse(guard.refusal() != null);
    }

    private ByteArrayOutputStream filter(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        guard.filter(bytes, 0, bytes.length, out::write);
        return out;
    }

    /** A client's frame: masked with {@link #MASK}. */
    private static byte[] frame(int opcode, boolean fin, byte[] payload) {
        byte[] header = RawHeader.of(opcode, fin, payload.length);
        byte[] masked = payload.clone();
        for (int i = 0; i < masked.length; i++) {
            masked[i] ^= MASK[i & 3];
        }
        return concat(header, masked);
    }

    /** The close frame the guard hands on in a refused frame's place. */
    private static byte[] close(int code, String reason) {
        byte[] text = text(reason);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return concat(new byte[] {(byte) 0x88, (byte) (0x80 | payload.length), 0, 0, 0, 0}, payload);
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** Masked frame headers of any announced length. */
    private static final class RawHeader {
        static byte[] of(int opcode, boolean fin, long length) {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            header.write((fin ? 0x80 : 0) | opcode);
            if (length >= 0 && length <= 125) {
                header.write(0x80 | (int) length);
            } else if (length >= 0 && length <= 0xffff) {
                header.write(0x80 | 126);
                header.write((int) (length >>> 8));
                header.write((int) length & 0xff);
            } else {
                header.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    header.write((int) (length >>> shift) & 0xff);
                }
            }
            header.writeBytes(MASK);
            return header.toByteArray();
        }
    }
}
