package dev.activitylive.event;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a number exactly as JavaScript's {@code JSON.stringify} (ECMAScript {@code Number::toString}) does: the
 * shortest digits that read back as the same double, closest to it (the even one on a tie); plain digits from 1e-6
 * up to below 1e21 ({@code 0.00011}, {@code 12345678.5}, {@code 100000000000000000000}), exponent form outside them
 * ({@code 1e-7}, {@code 1.5e+21}); {@code -0} as {@code 0}.
 *
 * <p>{@code Double.toString} gives the shortest digits from JDK 19 on, though never fewer than two ({@code 4.9E-324}
 * where {@code 5e-324} reads back too): two digits are searched again. JDK 17's sometimes gives more digits than
 * needed ({@code 1.9999999999999998E23} for {@code 2e23}), so there the digits are checked: for a normal double, an
 * answer of 15 significant digits or fewer is the only such decimal that reads back as it (two of them lie further
 * apart than its rounding interval is wide), so it is the shortest; 16 or 17 digits, and every subnormal (fewer bits,
 * a wider interval), are searched for a shorter decimal exactly.
 */
public final class JsNumbers {

    private static final boolean JDK_SHORTEST = Runtime.version().feature() >= 19;
    /** Below this magnitude every whole double is exact, and JavaScript writes it as plain digits. */
    private static final double EXACT_WHOLE_LIMIT = 9_007_199_254_740_992d;
    private static final int UNIQUE_DIGITS = 15;

    private JsNumbers() {
    }

    /** {@code value} as JavaScript writes it; {@code value} must be finite (JSON has no NaN or infinities). */
    public static String toString(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no number " + value);
        }
        if (value == Math.rint(value) && Math.abs(value) < EXACT_WHOLE_LIMIT) {
            return Long.toString((long) value); // also turns -0 into 0
        }
        return value < 0 ? "-" + layout(digitsOf(-value)) : layout(digitsOf(value));
    }

    /** The significant digits of a positive double and where the decimal point goes: value = 0.digits × 10^point. */
    record Digits(String digits, int point) {
    }

    /** The shortest digits of {@code positive}, by the JDK where it finds them, else checked and searched here. */
    static Digits digitsOf(double positive) {
        Digits java = parse(Double.toString(positive));
        int length = java.digits().length();
        // From JDK 19 the digits are the shortest, but never fewer than two: 4.9E-324 where 5e-324 reads back too.
        boolean shortest = JDK_SHORTEST ? length > 2 : length <= UNIQUE_DIGITS && positive >= Double.MIN_NORMAL;
        return shortest ? java : shortest(positive);
    }

    /**
     * The shortest decimal that reads back as {@code positive}, closest to it: for each number of digits, the
     * nearest decimal with that many (round half even), else its neighbour on the other side of the double (the
     * rounding interval of a power of two is narrower below it). More digits only ever add candidates, so the
     * number of digits is found by bisection.
     */
    static Digits shortest(double positive) {
        BigDecimal exact = new BigDecimal(positive);
        BigDecimal found = null;
        int low = 1;
        int high = 17;
        while (low <= high) {
            int digits = (low + high) >>> 1;
            BigDecimal candidate = readsBack(exact, digits, positive);
            if (candidate != null) {
                found = candidate;
                high = digits - 1;
            } else {
                low = digits + 1;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no 17-digit decimal reads back as " + positive);
        }
        BigDecimal stripped = found.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        return new Digits(digits, digits.length() - stripped.scale());
    }

    /** A decimal of {@code digits} significant digits that reads back as {@code value}, the closest; null if none. */
    private static BigDecimal readsBack(BigDecimal exact, int digits, double value) {
        BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (Double.parseDouble(nearest.toString()) == value) {
            return nearest;
        }
        RoundingMode away = nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR;
        BigDecimal other = exact.round(new MathContext(digits, away));
        return other.signum() > 0 && Double.parseDouble(other.toString()) == value ? other : null;
    }

    /** The digits and point of {@code Double.toString}'s answer ({@code 123.45}, {@code 1.0E-5}). */
    static Digits parse(String java) {
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int point = dot + exponent;
        int first = 0;
        while (first < all.length() - 1 && all.charAt(first) == '0') {
            first++;
            point--;
        }
        int end = all.length();
        while (end > first + 1 && all.charAt(end - 1) == '0') {
            end--;
        }
        return new Digits(all.substring(first, end), point);
    }

    /** ECMAScript's Number::toString layout of digits {@code d} (k of them) with the point after n of them. */
    static String layout(Digits number) {
        String d = number.digits();
        int k = d.length();
        int n = number.point();
        if (k <= n && n <= 21) {
            return d + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return d.substring(0, n) + "." + d.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + d;
        }
        int exponent = n - 1;
        String sign = exponent < 0 ? "-" : "+";
        String mantissa = k == 1 ? d : d.charAt(0) + "." + d.substring(1);
        return mantissa + "e" + sign + Math.abs(exponent);
    }
}
