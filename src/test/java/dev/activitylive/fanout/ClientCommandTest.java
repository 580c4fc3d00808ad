package dev.activitylive.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activitylive.event.ActivityEventType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Client messages are read as the original handler reads them. */
class ClientCommandTest {

    @Test
    void subscribeKeepsOnlyValidTypeNames() {
        assertEquals(new ClientCommand.Subscribe(EnumSet.of(ActivityEventType.SESSION_EVENT,
                        ActivityEventType.HEARTBEAT), Optional.empty()),
                ClientCommand.parse("{\"action\":\"subscribe\",\"types\":[\"session_event\",\"bogus\",7,null,"
                        + "\"Heartbeat\",\"heartbeat\",[\"load_change\"]]}"));
        assertEquals(new ClientCommand.Subscribe(Set.of(), Optional.empty()),
                ClientCommand.parse("{\"action\":\"subscribe\",\"types\":[]}"));
    }

    @Test
    void subscribeMayCarryAFilterOnTheDataAndOneThatBreaksTheRulesIsIgnoredWhole() {
        assertEquals(new ClientCommand.Subscribe(EnumSet.of(ActivityEventType.REASONING_UPDATE),
                        Optional.of(new DataFilter(Map.of("sessionId", Set.of("s-1", "s-2"), "stage", Set.of("plan"))))),
                ClientCommand.parse("{\"action\":\"subscribe\",\"types\":[\"reasoning_update\"],"
                        + "\"filter\":{\"sessionId\":[\"s-1\",\"s-2\"],\"stage\":\"plan\"}}"));
        assertEquals(new ClientCommand.Subscribe(Set.of(), Optional.of(DataFilter.NONE)),
                ClientCommand.parse("{\"action\":\"subscribe\",\"types\":[],\"filter\":{}}"), "{} clears it");
        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(DataFilter.MAX_VALUES + 1, "\"x\""))
                + "]";
        for (String filter : new String[] {"null", "[]", "\"s-1\"", "{\"bogus\":\"x\"}", "{\"sessionId\":[]}",
            "{\"sessionId\":7}", "{\"sessionId\":[\"a\",null]}", "{\"sessionId\":" + tooMany + "}",
            "{\"sessionId\":\"" + "x".repeat(DataFilter.MAX_VALUE_LENGTH + 1) + "\"}"}) {
            assertEquals(ClientCommand.Ignored.INSTANCE, ClientCommand.parse(
                    "{\"action\":\"subscribe\",\"types\":[],\"filter\":" + filter + "}"), filter);
        }
    }

    @Test
    void aFilterNarrowsOnlyTheEventsThatCarryItsFields() {
        DataFilter filter = new DataFilter(Map.of("sessionId", Set.of("s-1"), "operation", Set.of("store", "recall")));
        assertEquals(true, filter.passes(Map.of("sessionId", "s-1", "stage", "plan")));
        assertEquals(false, filter.passes(Map.of("sessionId", "s-2")));
        assertEquals(true, filter.passes(Map.of("operation", "recall", "userId", "u-1")), "no sessionId: not narrowed");
        assertEquals(false, filter.passes(Map.of("operation", "delete")));
        assertEquals(true, filter.passes(Map.of()), "a load_change carries none of them");
        assertEquals(Map.of("operation", List.of("recall", "store"), "sessionId", List.of("s-1")), filter.describe());
    }

    @Test
    void theQueryMayFilterTheData() {
        assertEquals(new DataFilter(Map.of("sessionId", Set.of("s-1", "s-2"), "sector", Set.of("semantic"))),
                ConnectOptions.of(Map.of("sessionId", List.of("s-1, s-2"), "sector", List.of("semantic"),
                        "stage", List.of(""), "bogus", List.of("x"))).filter());
        assertEquals(DataFilter.NONE, ConnectOptions.of(Map.of()).filter());
    }

    @Test
    void unsubscribe() {
        assertEquals(new ClientCommand.Unsubscribe(EnumSet.of(ActivityEventType.LOAD_CHANGE)),
                ClientCommand.parse("{\"types\":[\"load_change\",\"x\"],\"action\":\"unsubscribe\"}"));
    }

    @Test
    void ping() {
        assertEquals(ClientCommand.Ping.INSTANCE, ClientCommand.parse("{\"action\":\"ping\"}"));
        assertEquals(ClientCommand.Ping.INSTANCE, ClientCommand.parse(" {\"action\":\"ping\",\"types\":5} "));
    }

    @Test
    void resumeCarriesSinceAndEpochAndAMalformedOneIsKeptAsInvalid() {
        assertEquals(new ClientCommand.Resume(new ResumeRequest(1042, "e-1")),
                ClientCommand.parse("{\"action\":\"resume\",\"since\":1042,\"epoch\":\"e-1\"}"));
        assertEquals(new ClientCommand.Resume(new ResumeRequest(0, "e-1")),
                ClientCommand.parse("{\"action\":\"resume\",\"since\":\"0\",\"epoch\":\"e-1\"}"));
        for (String fields : new String[] {"", "\"since\":5", "\"epoch\":\"e\"", "\"since\":-1,\"epoch\":\"e\"",
            "\"since\":1.5,\"epoch\":\"e\"", "\"since\":99999999999999999999,\"epoch\":\"e\"",
            "\"since\":\"12a\",\"epoch\":\"e\"", "\"since\":3,\"epoch\":7", "\"since\":3,\"epoch\":\"\""}) {
            String message = "{\"action\":\"resume\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
            assertEquals(new ClientCommand.Resume(ResumeRequest.INVALID), ClientCommand.parse(message), message);
        }
    }

    @Test
    void theQueryMaySubscribeAndResume() {
        ConnectOptions options = ConnectOptions.of(Map.of("types", List.of("memory_operation, load_change,bogus"),
                "since", List.of("17"), "epoch", List.of("e-1")));
        assertEquals(EnumSet.of(ActivityEventType.MEMORY_OPERATION, ActivityEventType.LOAD_CHANGE), options.types());
        assertEquals(new ResumeRequest(17, "e-1"), options.resume());
        assertEquals(new ConnectOptions(Set.of(), DataFilter.NONE, null, false, false), ConnectOptions.of(Map.of()));
        assertEquals(ResumeRequest.INVALID, ConnectOptions.of(Map.of("since", List.of("x"))).resume());
    }

    @Test
    void theQueryMayAskForTheStateWithTrueAndNothingElse() {
        assertEquals(true, ConnectOptions.of(Map.of("snapshot", List.of("true"))).snapshot());
        for (String other : new String[] {"", "1", "yes", "TRUE", "false"}) {
            assertEquals(false, ConnectOptions.of(Map.of("snapshot", List.of(other))).snapshot(), other);
        }
        assertEquals(true, ConnectOptions.ofEventStream(Map.of("snapshot", List.of("true")), "e-1:4").snapshot(),
                "beside a Last-Event-ID");
    }

    @Test
    void everythingElseIsIgnored() {
        for (String message : new String[] {"", "ping", "{", "null", "true", "42", "\"ping\"", "[]",
            "[{\"action\":\"ping\"}]", "{}", "{\"action\":\"PING\"}", "{\"action\":null}", "{\"action\":[\"ping\"]}",
            "{\"action\":\"subscribe\"}", "{\"action\":\"subscribe\",\"types\":\"session_event\"}",
            "{\"action\":\"unsubscribe\",\"types\":null}", "{\"action\":\"ping\"} {}"}) {
            assertEquals(ClientCommand.Ignored.INSTANCE, ClientCommand.parse(message), message);
        }
    }
}
