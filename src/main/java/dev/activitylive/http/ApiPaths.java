package dev.activitylive.http;

/** The paths of activity-live's HTTP API and WebSocket endpoint, relative to the application's context root. */
public final class ApiPaths {

    /** The WebSocket endpoint. */
    public static final String LIVE = "/api/v1/activity/live";
    /** The same stream as a {@code text/event-stream}, for clients that cannot use a WebSocket. */
    public static final String STREAM = "/api/v1/activity/stream";
    /** Publishing events over HTTP. */
    public static final String EVENTS = "/api/v1/activity/events";
    /** The connected clients, for operators. */
    public static final String CLIENTS = "/api/v1/activity/clients";
    /** A browser's login, logout and the login's state. */
    public static final String SESSION = "/api/v1/activity/session";

    private ApiPaths() {
    }
}
