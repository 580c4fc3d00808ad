package dev.activitylive.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON activity-live writes: field for field what the original handler's {@code JSON.stringify} writes. */
class ActivityEventJsonTest {

    private static final Instant AT = Instant.parse("2026-11-26T07:01:39.491Z");

    @Test
    void memoryOperationWithEveryField() {
        assertJson("{\"type\":\"memory_operation\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                        + "\"operation\":\"recall\",\"memoryId\":\"m-1\",\"userId\":\"u-1\",\"sector\":\"episodic\","
                        + "\"success\":false,\"duration\":12.5}}",
                new ActivityEvent(ActivityEventType.MEMORY_OPERATION, AT,
                        new MemoryOperationData(MemoryOperation.RECALL, "m-1", "u-1", "episodic", false, 12.5)));
    }

    @Test
    void memoryOperationOmitsAbsentOptionals() {
        assertJson("{\"type\":\"memory_operation\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                        + "\"operation\":\"store\",\"userId\":\"u-1\",\"success\":true}}",
                new ActivityEvent(ActivityEventType.MEMORY_OPERATION, AT,
                        new MemoryOperationData(MemoryOperation.STORE, "u-1", true)));
    }

    @Test
    void everyMemoryOperationHasItsWireName() {
        for (MemoryOperation operation : MemoryOperation.values()) {
            String json = ActivityEventJson.write(new ActivityEvent(ActivityEventType.MEMORY_OPERATION, AT,
                    new MemoryOperationData(operation, "u", true)));
            assertEquals(true, json.contains("\"operation\":\"" + operation.name().toLowerCase() + "\""), json);
        }
    }

    @Test
    void reasoningUpdateWithEveryFieldAndWholeNumbersWithoutFraction() {
        assertJson("{\"type\":\"reasoning_update\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                        + "\"sessionId\":\"s-1\",\"stage\":\"analysis\",\"progress\":50,"
                        + "\"activeStreams\":[\"analytical\",\"creative\"],\"mode\":\"parallel\"}}",
                new ActivityEvent(ActivityEventType.REASONING_UPDATE, AT, new ReasoningUpdateData("s-1", "analysis",
                        50, List.of("analytical", "creative"), "parallel")));
    }

    @Test
    void reasoningUpdateOmitsAbsentOptionals() {
        assertJson("{\"type\":\"reasoning_update\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                        + "\"sessionId\":\"s-1\",\"stage\":\"analysis\",\"progress\":0.25}}",
                new ActivityEvent(ActivityEventType.REASONING_UPDATE, AT,
                        new ReasoningUpdateData("s-1", "analysis", 0.25)));
    }

    @Test
    void loadChange() {
        assertJson("{\"type\":\"load_change\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                        + "\"loadLevel\":0.75,\"activeProcesses\":3,\"memoryOpsPerSecond\":12,"
                        + "\"reasoningSessions\":2,\"visualIntensity\":\"high\"}}",
                new ActivityEvent(ActivityEventType.LOAD_CHANGE, AT,
                        new LoadChangeData(0.75, 3, 12.0, 2, VisualIntensity.HIGH)));
        assertJson("{\"type\":\"load_change\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                        + "\"loadLevel\":1,\"activeProcesses\":0,\"memoryOpsPerSecond\":0.5,"
                        + "\"reasoningSessions\":0,\"visualIntensity\":\"low\"}}",
                new ActivityEvent(ActivityEventType.LOAD_CHANGE, AT,
                        new LoadChangeData(1, 0, 0.5, 0, VisualIntensity.LOW)));
    }

    @Test
    void sessionEvent() {
        assertJson("{\"type\":\"session_event\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                        + "\"event\":\"updated\",\"sessionId\":\"s-1\",\"userId\":\"u-1\"}}",
                new ActivityEvent(ActivityEventType.SESSION_EVENT, AT,
                        new SessionEventData(SessionEventKind.UPDATED, "s-1", "u-1")));
        assertJson("{\"type\":\"session_event\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                        + "\"event\":\"deleted\",\"sessionId\":\"s-1\"}}",
                new ActivityEvent(ActivityEventType.SESSION_EVENT, AT,
                        new SessionEventData(SessionEventKind.DELETED, "s-1", null)));
    }

    @Test
    void systemEventUsesSnakeCaseWireNames() {
        assertJson("{\"type\":\"system_event\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                        + "\"event\":\"health_change\",\"status\":\"degraded\",\"message\":\"slow\"}}",
                new ActivityEvent(ActivityEventType.SYSTEM_EVENT, AT,
                        new SystemEventData(SystemEventKind.HEALTH_CHANGE, "degraded", "slow")));
        assertJson("{\"type\":\"system_event\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                        + "\"event\":\"config_change\"}}",
                new ActivityEvent(ActivityEventType.SYSTEM_EVENT, AT,
                        new SystemEventData(SystemEventKind.CONFIG_CHANGE, null, null)));
    }

    @Test
    void heartbeatAndConnectionEstablishedCarryAMessage() {
        assertJson("{\"type\":\"heartbeat\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                        + "\"message\":\"keepalive\"}}",
                new ActivityEvent(ActivityEventType.HEARTBEAT, AT, new MessageData("keepalive")));
        assertJson("{\"type\":\"connection_established\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                        + "\"message\":\"Connected as ws-1-abc\"}}",
                new ActivityEvent(ActivityEventType.CONNECTION_ESTABLISHED, AT, new MessageData("Connected as ws-1-abc")));
    }

    @Test
    void timestampsAreUtcWithExactlyThreeFractionDigits() {
        assertEquals("2026-01-02T03:04:05.000Z", ProtocolJson.TIMESTAMP.format(Instant.parse("2026-01-02T03:04:05Z")));
        assertEquals("2026-01-02T03:04:05.120Z",
                ProtocolJson.TIMESTAMP.format(Instant.parse("2026-01-02T03:04:05.12Z")));
        ActivityEvent precise = new ActivityEvent(ActivityEventType.HEARTBEAT,
                Instant.parse("2026-01-02T03:04:05.123456789Z"), new MessageData("x"));
        assertEquals(Instant.parse("2026-01-02T03:04:05.123Z"), precise.timestamp(), "kept to the millisecond");
    }

    @Test
    void factoriesStampTheCurrentTimeAndTheRightType() {
        Instant before = Instant.now().minusMillis(1);
        ActivityEvent event = ActivityEvents.memoryOperation(new MemoryOperationData(MemoryOperation.STORE, "u", true));
        assertEquals(ActivityEventType.MEMORY_OPERATION, event.type());
        assertEquals(true, !event.timestamp().isBefore(before) && !event.timestamp().isAfter(Instant.now()));
        assertEquals(ActivityEventType.REASONING_UPDATE,
                ActivityEvents.reasoningUpdate(new ReasoningUpdateData("s", "x", 1)).type());
        assertEquals(ActivityEventType.LOAD_CHANGE,
                ActivityEvents.loadChange(new LoadChangeData(0, 0, 0, 0, VisualIntensity.LOW)).type());
        assertEquals(ActivityEventType.SESSION_EVENT,
                ActivityEvents.session(new SessionEventData(SessionEventKind.CREATED, "s", null)).type());
        assertEquals(ActivityEventType.SYSTEM_EVENT,
                ActivityEvents.system(new SystemEventData(SystemEventKind.STARTUP, null, null)).type());
        assertEquals(new MessageData("pong"), ActivityEvents.heartbeat("pong").data());
        assertEquals(new MessageData("Connected as ws-1"), ActivityEvents.connectionEstablished("ws-1").data());
    }

    @Test
    void anEventRefusesDataOfAnotherType() {
        assertThrows(IllegalArgumentException.class, () -> new ActivityEvent(ActivityEventType.MEMORY_OPERATION, AT,
                new MessageData("not a memory operation")));
        assertThrows(NullPointerException.class, () -> new MemoryOperationData(MemoryOperation.STORE, null, true));
        assertThrows(IllegalArgumentException.class, () -> new LoadChangeData(1.5, 0, 0, 0, VisualIntensity.LOW));
        assertThrows(IllegalArgumentException.class, () -> new ReasoningUpdateData("s", "x", Double.NaN));
    }

    @Test
    void numbersAreWrittenAsJavaScriptWritesThemInEveryNumberField() {
        assertJson("{\"type\":\"memory_operation\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                + "\"operation\":\"store\",\"userId\":\"u\",\"success\":true,\"duration\":0.00011}}",
                new ActivityEvent(ActivityEventType.MEMORY_OPERATION, AT,
                        new MemoryOperationData(MemoryOperation.STORE, null, "u", null, true, 0.00011)));
        assertJson("{\"type\":\"load_change\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{\"loadLevel\":1e-7,"
                + "\"activeProcesses\":1,\"memoryOpsPerSecond\":1e+21,\"reasoningSessions\":0,\"visualIntensity\":\"low\"}}",
                new ActivityEvent(ActivityEventType.LOAD_CHANGE, AT,
                        new LoadChangeData(1e-7, 1, 1e21, 0, VisualIntensity.LOW)));
        assertJson("{\"type\":\"reasoning_update\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                + "\"sessionId\":\"s\",\"stage\":\"x\",\"progress\":12345678.5}}",
                new ActivityEvent(ActivityEventType.REASONING_UPDATE, AT, new ReasoningUpdateData("s", "x", 12345678.5)));
    }

    @Test
    void loneSurrogatesAreEscapedAsJsonStringifyEscapesThemAndPairsStayAsTheyAre() {
        String json = ActivityEventJson.write(new ActivityEvent(ActivityEventType.SYSTEM_EVENT, AT,
                new SystemEventData(SystemEventKind.HEALTH_CHANGE, "\ud800", "a\udc00b \ud83d\ude00 \udbff")));
        assertEquals("{\"type\":\"system_event\",\"timestamp\":\"2026-11-26T07:01:39.491Z\",\"data\":{"
                + "\"event\":\"health_change\",\"status\":\"\\ud800\",\"message\":\"a\\udc00b \ud83d\ude00 \\udbff\"}}", json);
        String reencoded = new String(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(json, reencoded, "valid UTF-8: nothing replaced");
    }

    private static void assertJson(String expected, ActivityEvent event) {
        assertEquals(expected, ActivityEventJson.write(event));
    }
}
