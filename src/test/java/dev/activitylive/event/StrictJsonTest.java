package dev.activitylive.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** StrictJson: one JSON text exactly, values as JSON-P reads them, and nesting bounded without recursion. */
class StrictJsonTest {

    @Test
    void readsWhatJsonPReads() {
        String text = "{\"type\":\"x\",\"data\":{\"a\":[1,2.5,\"s\",true,false,null,{}],\"b\":{\"c\":[]}},"
                + "\"n\":-0.1e3}";
        assertEquals(Json.createReader(new StringReader(text)).readValue(), StrictJson.parse(text));
        assertEquals(Json.createValue("only"), StrictJson.parse(" \"only\" "));
        byte[] bytes = "true".getBytes(StandardCharsets.UTF_8);
        assertEquals(JsonValue.TRUE, StrictJson.parse(new ByteArrayInputStream(bytes)));
    }

    @Test
    void theLastOfRepeatedKeysWinsAsInJavaScript() {
        assertEquals(Json.createObjectBuilder().add("a", 2).build(), StrictJson.parse("{\"a\":1,\"a\":2}"));
    }

    @Test
    void anythingAfterTheValueOrNoValueIsAnError() {
        assertThrows(JsonException.class, () -> StrictJson.parse("{} {}"));
        assertThrows(JsonException.class, () -> StrictJson.parse("   "));
        assertThrows(JsonException.class, () -> StrictJson.parse("[1,"));
    }

    @Test
    void nestingUpToTheLimitIsReadAndDeeperIsRefused() {
        String deepest = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);
        assertTrue(StrictJson.parse(deepest) instanceof jakarta.json.JsonArray);
        String tooDeep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);
        JsonParsingException refused = assertThrows(JsonParsingException.class, () -> StrictJson.parse(tooDeep));
        assertEquals("nested deeper than 32", refused.getMessage());
    }

    @Test
    void aMillionOpeningBracketsCostAScanNotTheStack() {
        String bomb = "[".repeat(1_000_000) + "{\"a\":".repeat(1_000);
        assertThrows(JsonParsingException.class, () -> StrictJson.parse(bomb));
        assertThrows(JsonParsingException.class, () -> StrictJson.parse("{\"a\":".repeat(100_000)));
    }
}
