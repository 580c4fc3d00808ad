package dev.activitylive.stream;

import java.util.List;

/** What a {@link History} holds after a given event: everything since, or why it cannot tell. */
public sealed interface Lookup<T> {

    /** Every event after the one asked about, oldest first; empty when nothing was missed. */
    record Found<T>(List<T> items) implements Lookup<T> {
    }

    /** Some event after the one asked about is no longer kept, or the id asked about is unknown. */
    record Unknown<T>(String reason) implements Lookup<T> {
    }
}
