package dev.activitylive.fanout;

import dev.activitylive.event.ActivityEventType;
import dev.activitylive.event.StrictJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a client asked for in one message. Parsing follows the original handler exactly: only a JSON object with
 * {@code action} {@code "subscribe"} / {@code "unsubscribe"} and an array {@code types}, or {@code "ping"}, does
 * anything (and our extension, {@code "resume"}); type names that are not strings or not one of the seven are
 * skipped; everything else is ignored.
 */
sealed interface ClientCommand {

    /** {@code filter}: an extension; empty where the message has none (the client's filter stays). */
    record Subscribe(Set<ActivityEventType> types, Optional<DataFilter> filter) implements ClientCommand {
    }

    record Unsubscribe(Set<ActivityEventType> types) implements ClientCommand {
    }

    /** {@code {"action":"resume","since":<id>,"epoch":"..."}}: an extension; malformed fields give an invalid one. */
    record Resume(ResumeRequest request) implements ClientCommand {
    }

    enum Ping implements ClientCommand {
        INSTANCE
    }

    enum Ignored implements ClientCommand {
        INSTANCE
    }

    static ClientCommand parse(String message) {
        JsonValue json;
        try {
            json = StrictJson.parse(message);
        } catch (JsonException invalid) {
            return Ignored.INSTANCE;
        }
        if (!(json instanceof JsonObject object) || !(object.get("action") instanceof JsonString action)) {
            return Ignored.INSTANCE;
        }
        Optional<JsonArray> types = object.get("types") instanceof JsonArray array ? Optional.of(array) : Optional.empty();
        return switch (action.getString()) {
            case "subscribe" -> types.isEmpty() ? Ignored.INSTANCE : subscribe(knownTypes(types.get()), object);
            case "unsubscribe" -> types.<ClientCommand>map(t -> new Unsubscribe(knownTypes(t))).orElse(Ignored.INSTANCE);
            case "ping" -> Ping.INSTANCE;
            case "resume" -> new Resume(ResumeRequest.of(object.get("since"), object.get("epoch")));
            default -> Ignored.INSTANCE;
        };
    }

    /** A subscribe message with a {@code filter} that breaks {@link DataFilter#RULES} is ignored whole. */
    private static ClientCommand subscribe(Set<ActivityEventType> types, JsonObject message) {
        if (!message.containsKey("filter")) {
            return new Subscribe(types, Optional.empty());
        }
        return DataFilter.of(message.get("filter")).<ClientCommand>map(filter -> new Subscribe(types,
                Optional.of(filter))).orElse(Ignored.INSTANCE);
    }

    private static Set<ActivityEventType> knownTypes(JsonArray names) {
        Set<ActivityEventType> types = EnumSet.noneOf(ActivityEventType.class);
        for (JsonValue name : names) {
            if (name instanceof JsonString text) {
                ActivityEventType.fromWireName(text.getString()).ifPresent(types::add);
            }
        }
        return types;
    }
}
