package dev.activitylive.event;

/** What happened to a session in a {@code session_event}. */
public enum SessionEventKind implements WireName {
    CREATED, UPDATED, DELETED
}
