package dev.activitylive.event;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The protocol's JSON conventions, for events and for every other message and HTTP answer: wire names for enums,
 * timestamps as ISO-8601 UTC with milliseconds and {@code Z} (what JavaScript's {@code Date.toISOString()} gives),
 * absent optionals omitted, numbers and lone surrogates as {@code JSON.stringify} writes them ({@link JsNumbers}:
 * boxed {@code Double}s here, primitive {@code double} components through {@link JsNumberSerializer} on the
 * component; {@link LoneSurrogates}), with JSON-B.
 */
public final class ProtocolJson {

    /** The wire format of timestamps: {@code 2026-11-26T07:01:39.491Z}. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    // Jsonb instances are thread-safe and costly to build: one for the application.
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withSerializers(new WireNameSerializer(), new InstantSerializer(), new JsNumberSerializer()));

    private ProtocolJson() {
    }

    /** Any JSON-B-mappable value (a record, a list, a map) as one JSON text: lone surrogates escaped, valid UTF-8. */
    public static String write(Object value) {
        return LoneSurrogates.escape(JSONB.toJson(value));
    }

    private static final class WireNameSerializer implements JsonbSerializer<WireName> {
        @Override
        public void serialize(WireName value, JsonGenerator generator, SerializationContext context) {
            generator.write(value.wireName());
        }
    }

    private static final class InstantSerializer implements JsonbSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            generator.write(TIMESTAMP.format(value));
        }
    }
}
