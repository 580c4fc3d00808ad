package dev.activitylive.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activitylive.event.ActivityEventType;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Client messages are read as the original handler reads them. */
class ClientCommandTest {

    @Test
    void subscribeKeepsOnlyValidTypeNames() {
        assertEquals(new ClientCommand.Subscribe(EnumSet.of(ActivityEventType.SESSION_EVENT,
                        ActivityEventType.HEARTBEAT)),
                ClientCommand.parse("{\"action\":\"subscribe\",\"types\":[\"session_event\",\"bogus\",7,null,"
                        + "\"Heartbeat\",\"heartbeat\",[\"load_change\"]]}"));
        assertEquals(new ClientCommand.Subscribe(Set.of()), ClientCommand.parse("{\"action\":\"subscribe\",\"types\":[]}"));
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
    void everythingElseIsIgnored() {
        for (String message : new String[] {"", "ping", "{", "null", "true", "42", "\"ping\"", "[]",
            "[{\"action\":\"ping\"}]", "{}", "{\"action\":\"PING\"}", "{\"action\":null}", "{\"action\":[\"ping\"]}",
            "{\"action\":\"subscribe\"}", "{\"action\":\"subscribe\",\"types\":\"session_event\"}",
            "{\"action\":\"unsubscribe\",\"types\":null}", "{\"action\":\"ping\"} {}"}) {
            assertEquals(ClientCommand.Ignored.INSTANCE, ClientCommand.parse(message), message);
        }
    }
}
