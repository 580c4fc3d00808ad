package dev.activitylive.config;

import java.util.Arrays;
import java.util.List;

/** A setting's value that is one of a few words, one per constant of the enum that implements this. */
public interface WordValue {

    /** The word as written in the configuration. */
    String word();

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
