package dev.activitylive.event;

/** The {@code data} of an event: one record per shape the protocol defines. */
public sealed interface ActivityData
        permits MemoryOperationData, ReasoningUpdateData, LoadChangeData, SessionEventData, SystemEventData,
        MessageData {

    /**
     * The user the event is about, who alone (with admins) may see it when authentication is on; {@code null} for
     * events about nobody in particular, which every subscriber sees. The records with a {@code userId} return it.
     */
    default String userId() {
        return null;
    }
}
