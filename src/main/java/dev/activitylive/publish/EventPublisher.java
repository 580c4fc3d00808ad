package dev.activitylive.publish;

import dev.activitylive.config.Setting;
import dev.activitylive.config.Settings;
import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEventReader;
import dev.activitylive.event.Problem;
import dev.activitylive.event.StrictJson;
import dev.activitylive.stream.Broker;
import dev.activitylive.stream.StreamEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishes events that arrive over HTTP: reads the body within its size limit, checks every event, and only if all
 * are valid publishes them, in order, to the stream's {@link Broker}, the way a fired event goes. All or none. It
 * answers once the stream holds them ({@link PublishOutcome.Unconfirmed} if it does not say so in time).
 */
@ApplicationScoped
public class EventPublisher {

    @Inject
    Broker broker;

    @Inject
    Settings settings;

    /** How long a publish waits for the stream to hold its events (a cluster's) before it answers 503, not 202. */
    static final Duration CONFIRMATION = Duration.ofSeconds(10);

    /** The most bytes a request body may have; one more tells that it has too many. */
    int maxBodyBytes() {
        return settings.publishMaxBytes();
    }

    /** The answer to a body whose declared length (Content-Length) is over the limit, before any of it is read. */
    Optional<PublishOutcome> refuseUnread(long declaredLength) {
        return declaredLength > settings.publishMaxBytes() ? Optional.of(tooManyBytes()) : Optional.empty();
    }

    /** Publishes the events in {@code bytes}, a whole request body (or its first {@link #maxBodyBytes()} + 1 bytes). */
    PublishOutcome publish(byte[] bytes) {
        if (bytes.length > settings.publishMaxBytes()) {
            return tooManyBytes();
        }
        JsonValue json;
        try {
            json = StrictJson.parse(new ByteArrayInputStream(bytes));
        } catch (JsonParsingException malformed) {
            var at = malformed.getLocation();
            String what = malformed instanceof StrictJson.TooDeep ? "arrays and objects " + malformed.getMessage()
                    : "not valid JSON";
            return new PublishOutcome.Invalid("malformed JSON", List.of(new Problem("$",
                    what + " near line " + at.getLineNumber() + ", column " + at.getColumnNumber())));
        } catch (JsonException unreadable) {
            return new PublishOutcome.Invalid("malformed JSON", List.of(new Problem("$", "not readable as JSON")));
        }
        List<JsonValue> items = json instanceof JsonArray array ? array : List.of(json);
        if (items.size() > settings.publishMaxEvents()) {
            return new PublishOutcome.TooLarge(items.size() + " events in one request; the limit is "
                    + settings.publishMaxEvents() + " (" + Setting.PUBLISH_MAX_EVENTS.key() + ")");
        }
        return validateThenFire(items, json instanceof JsonArray);
    }

    private PublishOutcome tooManyBytes() {
        return new PublishOutcome.TooLarge("request body over " + settings.publishMaxBytes() + " bytes ("
                + Setting.PUBLISH_MAX_BYTES.key() + ")");
    }

    private PublishOutcome validateThenFire(List<JsonValue> items, boolean batch) {
        Instant received = Instant.now();
        List<ActivityEvent> valid = new ArrayList<>(items.size());
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ActivityEventReader.Result result =
                    ActivityEventReader.read(items.get(i), batch ? "$[" + i + "]" : "$", () -> received);
            if (result.valid()) {
                valid.add(result.event());
            } else {
                problems.addAll(result.problems());
            }
        }
        if (!problems.isEmpty()) {
            return new PublishOutcome.Invalid("invalid events: nothing was published", problems);
        }
        long first = 0;
        long last = 0;
        try {
            for (ActivityEvent event : valid) {
                last = broker.publish(StreamEntry.of(event));
                first = first == 0 ? last : first;
            }
            if (!broker.awaitHeld(first, last, CONFIRMATION)) {
                return new PublishOutcome.Unconfirmed("the stream did not confirm the " + valid.size() + " events"
                        + " within " + CONFIRMATION.toSeconds() + " s: some may not reach every client");
            }
        } catch (IllegalStateException refused) {
            return new PublishOutcome.Unconfirmed(refused.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new PublishOutcome.Unconfirmed("interrupted while waiting for the stream to confirm the events");
        }
        return new PublishOutcome.Accepted(valid.size());
    }
}
