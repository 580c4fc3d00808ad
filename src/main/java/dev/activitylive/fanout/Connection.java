package dev.activitylive.fanout;

import jakarta.websocket.CloseReason;

/**
 * How a client's connection ends from our side: a WebSocket sends its close frame, an event stream its last event.
 * Called once, after the last frame was handed over; a connection already gone is no error.
 */
@FunctionalInterface
public interface Connection {

    void close(CloseReason reason);
}
