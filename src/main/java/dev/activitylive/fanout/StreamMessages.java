package dev.activitylive.fanout;

import dev.activitylive.event.ActivityEventJson;
import dev.activitylive.event.ActivityEvents;
import dev.activitylive.event.ProtocolJson;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * The JSON of what the stream adds to the original protocol: the {@code id} of a broadcast event, the {@code epoch}
 * and {@code lastId} of {@code connection_established}, the {@code recovery} answer to a resume and the
 * {@code snapshot} marker after the current state. Extra fields and extra message types, which old clients ignore.
 */
final class StreamMessages {

    private StreamMessages() {
    }

    /** {@code event} (a JSON object) with {@code "id":id} as its last field. */
    static String withId(String event, long id) {
        return withFields(event, "\"id\":" + id);
    }

    /** {@code connection_established} as the original writes it; serialized before the stream's lock is taken. */
    static String connectionEstablished(String clientId) {
        return ActivityEventJson.write(ActivityEvents.connectionEstablished(clientId));
    }

    /** {@code established} telling the stream's epoch and the last event id before this client. */
    static String withPosition(String established, String epoch, long lastId) {
        return withFields(established, "\"epoch\":\"" + epoch + "\",\"lastId\":" + lastId);
    }

    // Our fields go after the original's: the object's closing brace makes way for them.
    private static String withFields(String object, String fields) {
        return object.substring(0, object.length() - 1) + "," + fields + "}";
    }

    /** Every missed event has been queued, before this answer and before any live event after it. */
    static String recovered(String epoch, long since, long lastId, int replayed) {
        return recovery(new Recovery(true, epoch, since, lastId, replayed, null));
    }

    /**
     * Nothing was replayed: the client's picture may have a gap and should be reloaded; live events go on, and
     * {@code epoch} and {@code lastId} are where a later resume can start.
     */
    static String notRecovered(String epoch, long lastId, String reason) {
        return recovery(new Recovery(false, epoch, null, lastId, null, reason));
    }

    /**
     * The events of the current state have all been queued, before this marker and before any live event after it;
     * {@code omitted} of the oldest were left out to fit the client's queue.
     */
    static String snapshot(String epoch, long lastId, int events, int omitted) {
        return ProtocolJson.write(new SnapshotMessage("snapshot", Instant.now(),
                new Snapshot(epoch, lastId, events, omitted)));
    }

    @JsonbPropertyOrder({"type", "timestamp", "data"})
    public record SnapshotMessage(String type, Instant timestamp, Snapshot data) {
    }

    @JsonbPropertyOrder({"epoch", "lastId", "events", "omitted"})
    public record Snapshot(String epoch, long lastId, int events, int omitted) {
    }

    private static String recovery(Recovery data) {
        return ProtocolJson.write(new RecoveryMessage("recovery", Instant.now(), data));
    }

    @JsonbPropertyOrder({"type", "timestamp", "data"})
    public record RecoveryMessage(String type, Instant timestamp, Recovery data) {
    }

    /** {@code since} and {@code replayed} only when recovered, {@code reason} only when not. */
    @JsonbPropertyOrder({"recovered", "epoch", "since", "lastId", "replayed", "reason"})
    public record Recovery(boolean recovered, String epoch, Long since, long lastId, Integer replayed, String reason) {
    }
}
