package dev.activitylive.publish;

import dev.activitylive.cluster.ClusterStream;
import dev.activitylive.config.Setting;
import dev.activitylive.config.Settings;
import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEventReader;
import dev.activitylive.event.Problem;
import dev.activitylive.event.StrictJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes events that arrive over HTTP: reads the body within its size limit, checks every event, and only if all
 * are valid fires them, in order, as CDI events, exactly as a component's {@code Event.fire()} would. All or none.
 * In a cluster it answers once the cluster holds the events ({@link PublishOutcome.Unconfirmed} if it does not).
 */
@ApplicationScoped
public class EventPublisher {

    @Inject
    Event<ActivityEvent> events;

    @Inject
    Settings settings;

    @Inject
    ClusterStream cluster;

    /** How long a publish waits for the cluster to hold its events before it answers 503 instead of 202. */
    static final Duration CLUSTER_CONFIRMATION = Duration.ofSeconds(10);

    /** Publishes the events in {@code body}; {@code declaredLength} (Content-Length, -1 if none) may refuse it unread. */
    PublishOutcome publish(long declaredLength, InputStream body) throws IOException {
        if (declaredLength > settings.publishMaxBytes()) {
            return tooManyBytes();
        }
        byte[] bytes = body.readNBytes(settings.publishMaxBytes() + 1);
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
        long before = cluster.sendPosition();
        valid.forEach(events::fire);
        // Alone, the events are in the stream now; in a cluster, 202 waits until the cluster holds them.
        try {
            if (!cluster.awaitSent(before, cluster.sendPosition(), CLUSTER_CONFIRMATION)) {
                return new PublishOutcome.Unconfirmed("the cluster did not confirm the " + valid.size() + " events"
                        + " within " + CLUSTER_CONFIRMATION.toSeconds() + " s: some may not reach every client");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new PublishOutcome.Unconfirmed("interrupted while waiting for the cluster to confirm the events");
        }
        return new PublishOutcome.Accepted(valid.size());
    }
}
