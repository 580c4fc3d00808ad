package dev.activitylive.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading events back from JSON by their {@code type}, with every problem named. */
class ActivityEventReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00.000Z");
    private static final Instant AT = Instant.parse("2026-11-26T07:01:39.491Z");

    @Test
    void everyTypeAndFieldSurvivesARoundTrip() {
        List<ActivityEvent> events = List.of(
                new ActivityEvent(ActivityEventType.MEMORY_OPERATION, AT,
                        new MemoryOperationData(MemoryOperation.DELETE, "m", "u", "s", true, 0.5)),
                new ActivityEvent(ActivityEventType.MEMORY_OPERATION, AT,
                        new MemoryOperationData(MemoryOperation.SEARCH, "u", false)),
                new ActivityEvent(ActivityEventType.REASONING_UPDATE, AT,
                        new ReasoningUpdateData("s", "st", 99.5, List.of("a"), "m")),
                new ActivityEvent(ActivityEventType.REASONING_UPDATE, AT, new ReasoningUpdateData("s", "st", 0)),
                new ActivityEvent(ActivityEventType.LOAD_CHANGE, AT,
                        new LoadChangeData(0.3, 4, 7.5, 1, VisualIntensity.MEDIUM)),
                new ActivityEvent(ActivityEventType.SESSION_EVENT, AT,
                        new SessionEventData(SessionEventKind.CREATED, "s", "u")),
                new ActivityEvent(ActivityEventType.SYSTEM_EVENT, AT,
                        new SystemEventData(SystemEventKind.SHUTDOWN, "down", "bye")),
                new ActivityEvent(ActivityEventType.HEARTBEAT, AT, new MessageData("keepalive")),
                new ActivityEvent(ActivityEventType.CONNECTION_ESTABLISHED, AT, new MessageData("Connected as x")));
        for (ActivityEvent event : events) {
            ActivityEventReader.Result result = read(ActivityEventJson.write(event));
            assertEquals(List.of(), result.problems());
            assertEquals(event, result.event());
        }
    }

    @Test
    void aMissingTimestampIsTakenFromTheClockAndOffsetsAreConvertedToUtc() {
        assertEquals(NOW, read("{\"type\":\"system_event\",\"data\":{\"event\":\"startup\"}}").event().timestamp());
        assertEquals(Instant.parse("2026-11-26T06:01:39.491Z"), read("{\"type\":\"system_event\","
                + "\"timestamp\":\"2026-11-26T07:01:39.491+01:00\",\"data\":{\"event\":\"startup\"}}").event().timestamp());
    }

    @Test
    void nullOptionalsAreAbsent() {
        ActivityEvent event = read("{\"type\":\"session_event\",\"data\":{\"event\":\"created\","
                + "\"sessionId\":\"s\",\"userId\":null}}").event();
        assertEquals(new SessionEventData(SessionEventKind.CREATED, "s", null), event.data());
    }

    @Test
    void membersTheProtocolDoesNotDefineAreNamedNotDropped() {
        assertProblems("{\"type\":\"session_event\",\"id\":5,\"source\":\"x\",\"data\":{\"event\":\"created\","
                        + "\"sessionId\":\"s\",\"extra\":true}}",
                "$.data.extra: is not a field of session_event data (those are: event, sessionId, userId)",
                "$.id: is given by the stream to each event it sends; leave it out",
                "$.source: is not a member of an event (those are: type, timestamp, data, id)");
        StringBuilder many = new StringBuilder("{\"type\":\"heartbeat\",\"data\":{\"message\":\"x\"");
        for (int i = 0; i < 1000; i++) {
            many.append(",\"m").append(i).append("\":1");
        }
        List<Problem> problems = read(many.append("}}").toString()).problems();
        assertEquals(11, problems.size(), "ten named, then a count");
        assertEquals(new Problem("$.data", "990 more members are not a field of heartbeat data"), problems.get(10));
    }

    @Test
    void wholeNumbersAreWholeByValueNotByHowTheyAreWritten() {
        for (String seven : List.of("7", "7.0", "70e-1", "0.7e1", "7.000")) {
            ActivityEventReader.Result result = read("{\"type\":\"load_change\",\"data\":{\"loadLevel\":0.5,"
                    + "\"activeProcesses\":" + seven + ",\"memoryOpsPerSecond\":1,\"reasoningSessions\":-0,"
                    + "\"visualIntensity\":\"medium\"}}");
            assertEquals(List.of(), result.problems(), seven);
            assertEquals(7, ((LoadChangeData) result.event().data()).activeProcesses(), seven);
        }
        for (String notWhole : List.of("7.5", "1e1000000000", "1e-1000000000", "3000000000")) {
            assertEquals("must be a whole number from 0 to 2147483647", read("{\"type\":\"load_change\",\"data\":"
                    + "{\"loadLevel\":0.5,\"activeProcesses\":" + notWhole + ",\"memoryOpsPerSecond\":1,"
                    + "\"reasoningSessions\":1,\"visualIntensity\":\"medium\"}}").problems().get(0).message(), notWhole);
        }
    }

    @Test
    void notAnObject() {
        assertProblems("[1,2]", "$: must be an object");
        assertProblems("\"memory_operation\"", "$: must be an object");
    }

    @Test
    void typeProblems() {
        assertProblems("{\"data\":{}}", "$.type: is required");
        assertProblems("{\"type\":5,\"data\":{}}", "$.type: must be a string");
        assertProblems("{\"type\":\"MEMORY_OPERATION\",\"data\":{}}", "$.type: unknown type 'MEMORY_OPERATION', "
                + "expected one of: memory_operation, reasoning_update, load_change, session_event, system_event, "
                + "heartbeat, connection_established");
        assertTrue(read("{\"type\":\"" + "t".repeat(10_000) + "\",\"data\":{}}").problems().get(0).message()
                .startsWith("unknown type '" + "t".repeat(61) + "...'"), "a long name is quoted abbreviated");
    }

    @Test
    void dataAndTimestampProblems() {
        assertProblems("{\"type\":\"heartbeat\"}", "$.data: is required");
        assertProblems("{\"type\":\"heartbeat\",\"data\":\"pong\"}", "$.data: must be an object");
        assertProblems("{\"type\":\"heartbeat\",\"timestamp\":\"26/11/2026\",\"data\":{\"message\":\"x\"}}",
                "$.timestamp: must be an ISO-8601 date-time with offset, such as 2026-11-26T07:01:39.491Z");
        assertProblems("{\"type\":\"heartbeat\",\"data\":{}}", "$.data.message: is required");
    }

    @Test
    void memoryOperationProblemsAreAllNamed() {
        assertProblems("{\"type\":\"memory_operation\",\"data\":{\"operation\":\"forget\",\"userId\":7,"
                        + "\"success\":\"yes\",\"duration\":\"long\",\"sector\":[]}}",
                "$.data.operation: must be one of: store, recall, update, delete, search",
                "$.data.userId: must be a string",
                "$.data.sector: must be a string",
                "$.data.success: must be true or false",
                "$.data.duration: must be a number");
    }

    @Test
    void reasoningUpdateProblems() {
        assertProblems("{\"type\":\"reasoning_update\",\"data\":{\"stage\":\"x\",\"progress\":\"half\","
                        + "\"activeStreams\":[\"a\",1]}}",
                "$.data.sessionId: is required",
                "$.data.progress: must be a number",
                "$.data.activeStreams: must be an array of strings");
    }

    @Test
    void loadChangeProblems() {
        assertProblems("{\"type\":\"load_change\",\"data\":{\"loadLevel\":-0.1,\"activeProcesses\":3000000000,"
                        + "\"memoryOpsPerSecond\":-1,\"visualIntensity\":\"HIGH\"}}",
                "$.data.loadLevel: must be a number from 0 to 1",
                "$.data.activeProcesses: must be a whole number from 0 to 2147483647",
                "$.data.memoryOpsPerSecond: must not be negative",
                "$.data.reasoningSessions: is required",
                "$.data.visualIntensity: must be one of: low, medium, high");
    }

    @Test
    void sessionAndSystemEventProblems() {
        assertProblems("{\"type\":\"session_event\",\"data\":{\"event\":\"opened\",\"userId\":{}}}",
                "$.data.event: must be one of: created, updated, deleted",
                "$.data.sessionId: is required",
                "$.data.userId: must be a string");
        assertProblems("{\"type\":\"system_event\",\"data\":{\"event\":\"health-change\",\"status\":1}}",
                "$.data.event: must be one of: startup, shutdown, health_change, config_change",
                "$.data.status: must be a string");
    }

    @Test
    void thePathPrefixLocatesTheEventInABatch() {
        ActivityEventReader.Result result = ActivityEventReader.read(json("{\"type\":\"heartbeat\",\"data\":{}}"),
                "$[3]", () -> NOW);
        assertEquals(List.of(new Problem("$[3].data.message", "is required")), result.problems());
    }

    private static void assertProblems(String json, String... expected) {
        ActivityEventReader.Result result = read(json);
        assertNull(result.event());
        assertTrue(!result.valid());
        assertEquals(List.of(expected), result.problems().stream().map(p -> p.path() + ": " + p.message()).toList());
    }

    private static ActivityEventReader.Result read(String json) {
        return ActivityEventReader.read(json(json), "$", () -> NOW);
    }

    private static JsonValue json(String json) {
        return Json.createReader(new StringReader(json)).readValue();
    }
}
