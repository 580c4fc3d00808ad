package dev.activitylive.config;

/** Whether activity-live computes {@code load_change} events itself: the value of {@link Setting#DERIVED_LOAD}. */
public enum DerivedLoad implements WordValue {
    /** The load is derived from the event stream and announced when it changes. */
    ON,
    /** Nothing is derived; {@code load_change} events published by producers still pass through. */
    OFF;
}
