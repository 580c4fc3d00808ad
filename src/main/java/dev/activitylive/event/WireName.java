package dev.activitylive.event;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum whose JSON form is its constant name in lower case ({@code HEALTH_CHANGE} ⇄ {@code "health_change"}),
 * the convention of every enumerated value in the protocol.
 */
public interface WireName {

    /** The constant's name as it appears on the wire. */
    default String wireName() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose wire name is exactly {@code wire}, if any. */
    static <E extends Enum<E> & WireName> Optional<E> lookup(Class<E> type, String wire) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(wire)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
