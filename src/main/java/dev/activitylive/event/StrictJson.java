package dev.activitylive.event;

import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.io.StringReader;

/**
 * Parses exactly one JSON text, as JavaScript's {@code JSON.parse} does: anything but whitespace after the value is
 * an error. (JSON-P's {@code JsonReader} stops after the first value and ignores what follows.)
 */
public final class StrictJson {

    // Looked up once: every Json.createParser(..) runs a ServiceLoader lookup through the context class loader, which
    // on Payara scans the application's jars — measured at ~2 ms of CPU per publish request before this.
    private static final JsonProvider JSON = JsonProvider.provider();

    private StrictJson() {
    }

    /** The value of {@code text}; throws {@link jakarta.json.JsonException} if it is not exactly one JSON text. */
    public static JsonValue parse(String text) {
        return parse(JSON.createParser(new StringReader(text)));
    }

    /** Like {@link #parse(String)}, detecting the encoding (UTF-8, -16 or -32) as JSON-P does. */
    public static JsonValue parse(InputStream bytes) {
        return parse(JSON.createParser(bytes));
    }

    private static JsonValue parse(JsonParser parser) {
        try (parser) {
            if (!parser.hasNext()) {
                throw new JsonParsingException("no JSON value", parser.getLocation());
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonParsingException("more than one JSON value", parser.getLocation());
            }
            return value;
        }
    }
}
