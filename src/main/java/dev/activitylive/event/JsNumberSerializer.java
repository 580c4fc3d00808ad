package dev.activitylive.event;

import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

/**
 * Writes a number the way JavaScript's {@code JSON.stringify} does: {@code 12} for twelve, not JSON-B's
 * {@code 12.0}, so our frames match the original handler's byte for byte where values are whole.
 */
public final class JsNumberSerializer implements JsonbSerializer<Double> {

    // Beyond 2^53 a double no longer holds every whole number; keep JSON-B's form there.
    private static final double EXACT_WHOLE_LIMIT = 9_007_199_254_740_992d;

    @Override
    public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
        double number = value;
        if (number == Math.rint(number) && Math.abs(number) <= EXACT_WHOLE_LIMIT) {
            generator.write((long) number);
        } else {
            generator.write(number);
        }
    }
}
