package dev.activitylive.event;

import java.util.Optional;

/** The seven event types of the protocol, each with the data record it carries. */
public enum ActivityEventType implements WireName {
    MEMORY_OPERATION(MemoryOperationData.class),
    REASONING_UPDATE(ReasoningUpdateData.class),
    LOAD_CHANGE(LoadChangeData.class),
    SESSION_EVENT(SessionEventData.class),
    SYSTEM_EVENT(SystemEventData.class),
    HEARTBEAT(MessageData.class),
    CONNECTION_ESTABLISHED(MessageData.class);

    private final Class<? extends ActivityData> dataType;

    ActivityEventType(Class<? extends ActivityData> dataType) {
        this.dataType = dataType;
    }

    /** The record type of this event's {@code data}. */
    public Class<? extends ActivityData> dataType() {
        return dataType;
    }

    /** The type named {@code wire} on the wire ({@code "memory_operation"}), if it is one of the seven. */
    public static Optional<ActivityEventType> fromWireName(String wire) {
        return WireName.lookup(ActivityEventType.class, wire);
    }
}
