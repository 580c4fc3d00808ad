package dev.activitylive.fanout;

import dev.activitylive.event.ActivityEventType;

/**
 * How an event type reaches a client that falls behind: only the newest value matters ({@code load_change}), only
 * the newest of each reasoning session ({@code reasoning_update}), or every one, in order (the rest).
 */
enum DeliveryClass {
    LATEST, LATEST_PER_SESSION, EVERY_ONE;

    static DeliveryClass of(ActivityEventType type) {
        return switch (type) {
            case LOAD_CHANGE -> LATEST;
            case REASONING_UPDATE -> LATEST_PER_SESSION;
            default -> EVERY_ONE;
        };
    }

    /**
     * What a pending event gives way to a newer one by: null for an event that is never conflated (a reasoning update
     * without a session is one too).
     */
    static String conflationKey(ActivityEventType type, String sessionId) {
        return switch (of(type)) {
            case LATEST -> type.name();
            case LATEST_PER_SESSION -> sessionId == null ? null : type.name() + ':' + sessionId;
            case EVERY_ONE -> null;
        };
    }
}
