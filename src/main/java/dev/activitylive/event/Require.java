package dev.activitylive.event;

import java.util.Objects;

/** Argument checks shared by the records' constructors, so a bad event fails where it is built. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
        return value;
    }

    static Double finiteOrAbsent(Double value, String field) {
        return value == null ? null : finite(value, field);
    }

    static int notNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    static double notNegative(double value, String field) {
        if (finite(value, field) < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }
}
