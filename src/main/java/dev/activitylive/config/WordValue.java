package dev.activitylive.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A setting's value that is one of a few words, one per constant of the enum that implements this: its name in lower
 * case, with {@code -} for {@code _} ({@code DROP_OLDEST} is {@code drop-oldest}).
 */
public interface WordValue {

    /** The constant's name, as every enum has one. */
    String name();

    /** The word as written in the configuration. */
    default String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every word of the enum {@code example} belongs to, in declaration order. */
    static List<String> wordsOf(WordValue example) {
        return Arrays.stream(example.getClass().getEnumConstants()).map(WordValue::word).toList();
    }

    /** The constant of {@code type} written {@code word}; the word has been checked to be one of them. */
    static <E extends Enum<E> & WordValue> E of(Class<E> type, String word) {
        return Arrays.stream(type.getEnumConstants()).filter(value -> value.word().equals(word)).findFirst()
                .orElseThrow();
    }
}
