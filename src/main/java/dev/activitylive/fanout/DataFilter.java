package dev.activitylive.fanout;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A subscription's narrowing by the events' data: for each of {@link #FIELDS} it names, the values an event's field
 * may have. An event that carries such a field passes only with one of the values; a field an event does not carry
 * does not narrow it (a filter on {@code sessionId} leaves memory operations and the load alone). All named fields
 * must pass. It only narrows: user scope and types are applied as well.
 */
record DataFilter(Map<String, Set<String>> values) {

    static final List<String> FIELDS = List.of("sessionId", "userId", "sector", "operation", "stage", "event");
    static final int MAX_VALUES = 100;
    static final int MAX_VALUE_LENGTH = 256;
    static final DataFilter NONE = new DataFilter(Map.of());

    /** What the protocol says of a filter a client sent that is not one (the message is then ignored). */
    static final String RULES = "filter is an object of sessionId, userId, sector, operation, stage, event, each a "
            + "string or an array of 1 to " + MAX_VALUES + " strings of at most " + MAX_VALUE_LENGTH + " characters";

    DataFilter {
        values = Map.copyOf(values);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** Whether an event whose data holds {@code fields} (field → string value) passes. */
    boolean passes(Map<String, String> fields) {
        for (Map.Entry<String, Set<String>> narrowing : values.entrySet()) {
            String value = fields.get(narrowing.getKey());
            if (value != null && !narrowing.getValue().contains(value)) {
                return false;
            }
        }
        return true;
    }

    /** The filter as the client list shows it: field → values, sorted. */
    Map<String, List<String>> describe() {
        Map<String, List<String>> shown = new TreeMap<>();
        values.forEach((field, allowed) -> shown.put(field, allowed.stream().sorted().toList()));
        return shown;
    }

    /** From a subscribe message's {@code filter}; empty if it breaks {@link #RULES}. {@code {}} filters nothing. */
    static Optional<DataFilter> of(JsonValue json) {
        if (!(json instanceof JsonObject object)) {
            return Optional.empty();
        }
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> field : object.entrySet()) {
            if (!FIELDS.contains(field.getKey())) {
                return Optional.empty();
            }
            JsonValue given = field.getValue();
            List<JsonValue> items = given instanceof JsonArray array ? array : List.of(given);
            if (items.isEmpty() || items.size() > MAX_VALUES) {
                return Optional.empty();
            }
            Set<String> allowed = new java.util.HashSet<>();
            for (JsonValue item : items) {
                if (!(item instanceof JsonString text) || text.getString().length() > MAX_VALUE_LENGTH) {
                    return Optional.empty();
                }
                allowed.add(text.getString());
            }
            values.put(field.getKey(), allowed);
        }
        return Optional.of(new DataFilter(values));
    }

    /**
     * From a URL's query: each of {@link #FIELDS} given (comma-separated values) narrows; an empty value is none;
     * values past {@link #MAX_VALUES} or longer than {@link #MAX_VALUE_LENGTH} are dropped.
     */
    static DataFilter ofQuery(Map<String, List<String>> query) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (String field : FIELDS) {
            Set<String> allowed = query.getOrDefault(field, List.of()).stream()
                    .flatMap(list -> java.util.Arrays.stream(list.split(",", -1)))
                    .map(String::trim)
                    .filter(value -> !value.isEmpty() && value.length() <= MAX_VALUE_LENGTH)
                    .limit(MAX_VALUES)
                    .collect(Collectors.toSet());
            if (!allowed.isEmpty()) {
                values.put(field, allowed);
            }
        }
        return values.isEmpty() ? NONE : new DataFilter(values);
    }
}
