package dev.activitylive.config;

/** Whether the dashboard page is served: the value of {@link Setting#DASHBOARD}. */
public enum Dashboard implements WordValue {
    /** The page is served at {@code /activity-live/}. */
    ON,
    /** Only the browser client module is served, for the application's own pages. */
    OFF;
}
