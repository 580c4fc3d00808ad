package dev.activitylive.event;

/** What happened to the system in a {@code system_event}. */
public enum SystemEventKind implements WireName {
    STARTUP, SHUTDOWN, HEALTH_CHANGE, CONFIG_CHANGE
}
