package dev.activitylive.event;

import java.time.Instant;

/**
 * Builds events stamped with the current time; the Java counterparts of the original handler's
 * {@code createMemoryOperationEvent}, {@code createReasoningUpdateEvent}, {@code createLoadChangeEvent},
 * {@code createSessionEvent} and {@code createSystemEvent}.
 */
public final class ActivityEvents {

    private ActivityEvents() {
    }

    public static ActivityEvent memoryOperation(MemoryOperationData data) {
        return now(ActivityEventType.MEMORY_OPERATION, data);
    }

    public static ActivityEvent reasoningUpdate(ReasoningUpdateData data) {
        return now(ActivityEventType.REASONING_UPDATE, data);
    }

    public static ActivityEvent loadChange(LoadChangeData data) {
        return now(ActivityEventType.LOAD_CHANGE, data);
    }

    public static ActivityEvent session(SessionEventData data) {
        return now(ActivityEventType.SESSION_EVENT, data);
    }

    public static ActivityEvent system(SystemEventData data) {
        return now(ActivityEventType.SYSTEM_EVENT, data);
    }

    /** A {@code heartbeat} event: {@code "keepalive"} from the timer, {@code "pong"} in answer to a ping. */
    public static ActivityEvent heartbeat(String message) {
        return now(ActivityEventType.HEARTBEAT, new MessageData(message));
    }

    /** The first message every accepted client receives. */
    public static ActivityEvent connectionEstablished(String clientId) {
        return now(ActivityEventType.CONNECTION_ESTABLISHED, new MessageData("Connected as " + clientId));
    }

    private static ActivityEvent now(ActivityEventType type, ActivityData data) {
        return new ActivityEvent(type, Instant.now(), data);
    }
}
