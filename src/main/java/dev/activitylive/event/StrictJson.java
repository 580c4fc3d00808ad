package dev.activitylive.event;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Parses exactly one JSON text, as JavaScript's {@code JSON.parse} does: anything but whitespace after the value is
 * an error. (JSON-P's {@code JsonReader} stops after the first value and ignores what follows.) Unlike
 * {@code JSON.parse} it refuses nesting deeper than {@link #MAX_DEPTH}: no message of the protocol comes near it, and
 * the value is built without recursion, so a body of a million {@code [} costs a scan, not the thread's stack.
 */
public final class StrictJson {

    /** Arrays and objects inside each other beyond this are an error; an event is 2 deep. */
    public static final int MAX_DEPTH = 32;

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
            JsonValue value = read(parser);
            if (parser.hasNext()) {
                throw new JsonParsingException("more than one JSON value", parser.getLocation());
            }
            return value;
        }
    }

    /** Reads one value; each open array or object is a {@link Container} on a stack of at most {@link #MAX_DEPTH}. */
    private static JsonValue read(JsonParser parser) {
        Deque<Container> open = new ArrayDeque<>();
        do {
            JsonParser.Event event = parser.next();
            JsonValue complete = switch (event) {
                case START_ARRAY, START_OBJECT -> {
                    if (open.size() == MAX_DEPTH) {
                        throw new TooDeep(parser);
                    }
                    open.push(event == JsonParser.Event.START_ARRAY ? new Container(JSON.createArrayBuilder())
                            : new Container(JSON.createObjectBuilder()));
                    yield null;
                }
                case KEY_NAME -> {
                    open.element().key = parser.getString();
                    yield null;
                }
                case END_ARRAY -> open.pop().array.build();
                case END_OBJECT -> open.pop().object.build();
                default -> parser.getValue();
            };
            if (complete != null) {
                if (open.isEmpty()) {
                    return complete;
                }
                open.element().add(complete);
            }
        } while (true);
    }

    /** The JSON text nests arrays and objects deeper than {@link #MAX_DEPTH}. */
    public static final class TooDeep extends JsonParsingException {
        private static final long serialVersionUID = 1L;

        TooDeep(JsonParser parser) {
            super("nested deeper than " + MAX_DEPTH, parser.getLocation());
        }
    }

    /** An array or object being read, and for an object the key whose value comes next. */
    private static final class Container {
        private final JsonArrayBuilder array;
        private final JsonObjectBuilder object;
        private String key;

        Container(JsonArrayBuilder array) {
            this.array = array;
            this.object = null;
        }

        Container(JsonObjectBuilder object) {
            this.array = null;
            this.object = object;
        }

        void add(JsonValue value) {
            if (array != null) {
                array.add(value);
            } else {
                object.add(key, value);
            }
        }
    }
}
