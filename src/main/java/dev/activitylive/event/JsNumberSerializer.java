package dev.activitylive.event;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Writes a number the way JavaScript's {@code JSON.stringify} does ({@link JsNumbers}): {@code 12} for twelve, not
 * JSON-B's {@code 12.0}; {@code 0.00011}, not {@code 1.1E-4}; so our frames match the original handler's byte for byte.
 * The generator writes a {@link JsonNumber} as its {@code toString()}, which here is JavaScript's text.
 */
public final class JsNumberSerializer implements JsonbSerializer<Double> {

    @Override
    public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
        generator.write(new JsText(value, JsNumbers.toString(value)));
    }

    /** A number that writes itself as JavaScript would. */
    private record JsText(double value, String text) implements JsonNumber {

        @Override
        public boolean isIntegral() {
            return bigDecimalValue().stripTrailingZeros().scale() <= 0;
        }

        @Override
        public int intValue() {
            return (int) value;
        }

        @Override
        public int intValueExact() {
            return bigDecimalValue().intValueExact();
        }

        @Override
        public long longValue() {
            return (long) value;
        }

        @Override
        public long longValueExact() {
            return bigDecimalValue().longValueExact();
        }

        @Override
        public BigInteger bigIntegerValue() {
            return bigDecimalValue().toBigInteger();
        }

        @Override
        public BigInteger bigIntegerValueExact() {
            return bigDecimalValue().toBigIntegerExact();
        }

        @Override
        public double doubleValue() {
            return value;
        }

        @Override
        public BigDecimal bigDecimalValue() {
            return new BigDecimal(text);
        }

        @Override
        public JsonValue.ValueType getValueType() {
            return JsonValue.ValueType.NUMBER;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
