package dev.activitylive.fanout;

import static dev.activitylive.testsupport.Api.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** What the stream adds to the wire: fields after the original's, and the recovery answer. */
class StreamMessagesTest {

    @Test
    void anEventGetsItsIdAsItsLastField() {
        assertEquals("{\"type\":\"x\",\"data\":{\"a\":1},\"id\":1042}",
                StreamMessages.withId("{\"type\":\"x\",\"data\":{\"a\":1}}", 1042));
    }

    @Test
    void connectionEstablishedKeepsItsMessageAndTellsEpochAndLastId() {
        JsonObject established = parse(StreamMessages.withPosition(StreamMessages.connectionEstablished("ws-1-a"), "k-9", 41));
        assertEquals("connection_established", established.getString("type"));
        assertEquals("Connected as ws-1-a", established.getJsonObject("data").getString("message"));
        assertEquals("k-9", established.getString("epoch"));
        assertEquals(41, established.getInt("lastId"));
    }

    @Test
    void recoveryAnswers() {
        String recovered = StreamMessages.recovered("k-9", 10, 15, 3);
        assertTrue(recovered.startsWith("{\"type\":\"recovery\",\"timestamp\":\""), recovered);
        assertTrue(recovered.endsWith("\"data\":{\"recovered\":true,\"epoch\":\"k-9\",\"since\":10,\"lastId\":15,"
                + "\"replayed\":3}}"), recovered);
        String notRecovered = StreamMessages.notRecovered("k-9", 15, "why");
        assertTrue(notRecovered.endsWith("\"data\":{\"recovered\":false,\"epoch\":\"k-9\",\"lastId\":15,"
                + "\"reason\":\"why\"}}"), notRecovered);
    }
}
