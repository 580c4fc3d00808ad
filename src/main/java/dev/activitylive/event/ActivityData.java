package dev.activitylive.event;

/** The {@code data} of an event: one record per shape the protocol defines. */
public sealed interface ActivityData
        permits MemoryOperationData, ReasoningUpdateData, LoadChangeData, SessionEventData, SystemEventData,
        MessageData {
}
