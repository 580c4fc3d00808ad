package dev.activitylive.event;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads an event from parsed JSON, choosing the data record by {@code type}, and names every problem it finds
 * instead of stopping at the first. A member the protocol does not define is a problem too (activity-live sends only
 * the protocol's members, so it would otherwise be dropped without a word); {@code null} for an optional member means
 * absent. A missing {@code timestamp} is taken from the given clock.
 */
public final class ActivityEventReader {

    private static final String TYPE_NAMES = Arrays.stream(ActivityEventType.values())
            .map(ActivityEventType::wireName).collect(Collectors.joining(", "));

    private ActivityEventReader() {
    }

    /** The event, or the problems that keep {@code json} at {@code path} from being one. */
    public static Result read(JsonValue json, String path, Supplier<Instant> clock) {
        Fields event = Fields.of(json, path);
        if (event == null) {
            return Result.failed(new Problem(path, "must be an object"));
        }
        ActivityEventType type = readType(event);
        String timestampText = event.optionalString("timestamp");
        Instant timestamp = timestampText == null ? clock.get() : parseTimestamp(timestampText, event);
        Fields data = event.requiredObject("data");
        ActivityData payload = type == null || data == null ? null : readData(type, data);
        if (data != null && type != null) {
            data.noOthers("a field of " + type.wireName() + " data");
        }
        if (event.object.containsKey("id")) {
            event.problem("id", "is given by the stream to each event it sends; leave it out");
            event.known.add("id");
        }
        event.noOthers("a member of an event");
        if (!event.problems.isEmpty() || payload == null || timestamp == null) {
            return new Result(null, List.copyOf(event.problems));
        }
        return new Result(new ActivityEvent(type, timestamp, payload), List.of());
    }

    private static ActivityEventType readType(Fields event) {
        String name = event.requiredString("type");
        if (name == null) {
            return null;
        }
        Optional<ActivityEventType> known = ActivityEventType.fromWireName(name);
        if (known.isEmpty()) {
            event.problem("type", "unknown type '" + abbreviated(name) + "', expected one of: " + TYPE_NAMES);
        }
        return known.orElse(null);
    }

    // An error answer quotes what it refuses, but never echoes a megabyte back.
    private static String abbreviated(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }

    private static Instant parseTimestamp(String text, Fields event) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            event.problem("timestamp", "must be an ISO-8601 date-time with offset, such as 2026-11-26T07:01:39.491Z");
            return null;
        }
    }

    private static ActivityData readData(ActivityEventType type, Fields data) {
        return switch (type) {
            case MEMORY_OPERATION -> {
                MemoryOperation operation = data.requiredEnum("operation", MemoryOperation.class);
                String memoryId = data.optionalString("memoryId");
                String userId = data.requiredString("userId");
                String sector = data.optionalString("sector");
                boolean success = data.requiredBoolean("success");
                Double duration = data.optionalNumber("duration");
                yield data.readable()
                        ? new MemoryOperationData(operation, memoryId, userId, sector, success, duration) : null;
            }
            case REASONING_UPDATE -> {
                String sessionId = data.requiredString("sessionId");
                String stage = data.requiredString("stage");
                double progress = data.requiredNumber("progress");
                List<String> activeStreams = data.optionalStrings("activeStreams");
                String mode = data.optionalString("mode");
                yield data.readable() ? new ReasoningUpdateData(sessionId, stage, progress, activeStreams, mode) : null;
            }
            case LOAD_CHANGE -> {
                double loadLevel = data.requiredNumber("loadLevel", LoadChangeData::isLevel,
                        "must be a number from 0 to 1");
                int activeProcesses = data.requiredCount("activeProcesses");
                double memoryOpsPerSecond = data.requiredNumber("memoryOpsPerSecond", n -> n >= 0,
                        "must not be negative");
                int reasoningSessions = data.requiredCount("reasoningSessions");
                VisualIntensity visualIntensity = data.requiredEnum("visualIntensity", VisualIntensity.class);
                yield data.readable() ? new LoadChangeData(loadLevel, activeProcesses, memoryOpsPerSecond,
                        reasoningSessions, visualIntensity) : null;
            }
            case SESSION_EVENT -> {
                SessionEventKind event = data.requiredEnum("event", SessionEventKind.class);
                String sessionId = data.requiredString("sessionId");
                String userId = data.optionalString("userId");
                yield data.readable() ? new SessionEventData(event, sessionId, userId) : null;
            }
            case SYSTEM_EVENT -> {
                SystemEventKind event = data.requiredEnum("event", SystemEventKind.class);
                String status = data.optionalString("status");
                String message = data.optionalString("message");
                yield data.readable() ? new SystemEventData(event, status, message) : null;
            }
            case HEARTBEAT, CONNECTION_ESTABLISHED -> {
                String message = data.requiredString("message");
                yield data.readable() ? new MessageData(message) : null;
            }
        };
    }

    /** What {@link #read} found: an event, or the problems that kept it from being one. */
    public record Result(ActivityEvent event, List<Problem> problems) {

        static Result failed(Problem problem) {
            return new Result(null, List.of(problem));
        }

        public boolean valid() {
            return event != null;
        }
    }

    /**
     * Typed access to an object's properties that records a problem for each one missing or of the wrong kind, and
     * remembers which it was asked for, so the others can be named.
     */
    private static final class Fields {
        private final JsonObject object;
        private final String path;
        private final List<Problem> problems;
        private final int problemsBefore;
        private final Set<String> known = new LinkedHashSet<>();
        /** Unknown members named one by one, at most; an answer never lists thousands. */
        private static final int MAX_NAMED = 10;

        private Fields(JsonObject object, String path, List<Problem> problems) {
            this.object = object;
            this.path = path;
            this.problems = problems;
            this.problemsBefore = problems.size();
        }

        static Fields of(JsonValue value, String path) {
            return value instanceof JsonObject object ? new Fields(object, path, new ArrayList<>()) : null;
        }

        void problem(String name, String message) {
            problems.add(new Problem(path + "." + name, message));
        }

        /** Whether every property read so far was present where required and of the right kind. */
        boolean readable() {
            return problems.size() == problemsBefore;
        }

        /**
         * A problem for each member not asked for so far (the first {@link #MAX_NAMED}, then how many more): it is
         * not {@code what}, named with those that are.
         */
        void noOthers(String what) {
            List<String> others = object.keySet().stream().filter(name -> !known.contains(name)).toList();
            String those = " (those are: " + String.join(", ", known) + ")";
            others.stream().limit(MAX_NAMED).forEach(name -> problem(abbreviated(name), "is not " + what + those));
            if (others.size() > MAX_NAMED) {
                problems.add(new Problem(path, (others.size() - MAX_NAMED) + " more members are not " + what));
            }
        }

        private JsonValue value(String name, boolean required) {
            known.add(name);
            JsonValue value = object.get(name);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                if (required) {
                    problem(name, "is required");
                }
                return null;
            }
            return value;
        }

        String requiredString(String name) {
            return string(name, true);
        }

        String optionalString(String name) {
            return string(name, false);
        }

        private String string(String name, boolean required) {
            JsonValue value = value(name, required);
            if (value == null) {
                return null;
            }
            if (value instanceof JsonString text) {
                return text.getString();
            }
            problem(name, "must be a string");
            return null;
        }

        Fields requiredObject(String name) {
            JsonValue value = value(name, true);
            if (value == null) {
                return null;
            }
            if (value instanceof JsonObject nested) {
                return new Fields(nested, path + "." + name, problems);
            }
            problem(name, "must be an object");
            return null;
        }

        boolean requiredBoolean(String name) {
            JsonValue value = value(name, true);
            if (value == JsonValue.TRUE) {
                return true;
            }
            if (value != null && value != JsonValue.FALSE) {
                problem(name, "must be true or false");
            }
            return false;
        }

        double requiredNumber(String name) {
            return requiredNumber(name, number -> true, null);
        }

        /** A required number that must also pass {@code allowed}; {@code otherwise} says what it must be. */
        double requiredNumber(String name, DoublePredicate allowed, String otherwise) {
            Double number = number(name, true);
            if (number == null) {
                return 0;
            }
            if (!allowed.test(number)) {
                problem(name, otherwise);
                return 0;
            }
            return number;
        }

        Double optionalNumber(String name) {
            return number(name, false);
        }

        private Double number(String name, boolean required) {
            JsonValue value = value(name, required);
            if (value == null) {
                return null;
            }
            if (value instanceof JsonNumber number && Double.isFinite(number.doubleValue())) {
                return number.doubleValue();
            }
            problem(name, "must be a number");
            return null;
        }

        int requiredCount(String name) {
            JsonValue value = value(name, true);
            if (value == null) {
                return 0;
            }
            OptionalLong whole = value instanceof JsonNumber number ? WholeNumbers.exact(number) : OptionalLong.empty();
            if (whole.isPresent() && whole.getAsLong() >= 0 && whole.getAsLong() <= Integer.MAX_VALUE) {
                return (int) whole.getAsLong();
            }
            problem(name, "must be a whole number from 0 to " + Integer.MAX_VALUE);
            return 0;
        }

        <E extends Enum<E> & WireName> E requiredEnum(String name, Class<E> type) {
            String text = requiredString(name);
            if (text == null) {
                return null;
            }
            Optional<E> constant = WireName.lookup(type, text);
            if (constant.isEmpty()) {
                problem(name, "must be one of: " + Arrays.stream(type.getEnumConstants())
                        .map(WireName::wireName).collect(Collectors.joining(", ")));
            }
            return constant.orElse(null);
        }

        List<String> optionalStrings(String name) {
            JsonValue value = value(name, false);
            if (value == null) {
                return null;
            }
            if (value instanceof JsonArray array && array.stream().allMatch(JsonString.class::isInstance)) {
                return array.getValuesAs(JsonString::getString);
            }
            problem(name, "must be an array of strings");
            return null;
        }
    }
}
