package dev.activitylive.event;

import jakarta.json.JsonNumber;
import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * Whole numbers as JSON and JavaScript mean them: by value, not by how they are written, so {@code 7}, {@code 7.0}
 * and {@code 70e-1} are all seven (Python's {@code json.dumps(7.0)} writes {@code 7.0}).
 */
public final class WholeNumbers {

    private WholeNumbers() {
    }

    /** The value of {@code number} if it is whole and fits a {@code long}; empty otherwise. */
    public static OptionalLong exact(JsonNumber number) {
        BigDecimal value = number.bigDecimalValue();
        if (value.signum() == 0) {
            return OptionalLong.of(0);
        }
        try {
            // Exact or not at all; an exponent of a billion fails here at once instead of expanding.
            return OptionalLong.of(value.longValueExact());
        } catch (ArithmeticException fractionOrTooLarge) {
            return OptionalLong.empty();
        }
    }
}
