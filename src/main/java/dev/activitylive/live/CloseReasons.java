package dev.activitylive.live;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;

/** The close codes and reasons the server sends, as the protocol (and the original handler) words them. */
final class CloseReasons {

    static final CloseReason MAX_CLIENTS = new CloseReason(CloseCodes.TRY_AGAIN_LATER, "Maximum clients reached");
    static final CloseReason IDLE = new CloseReason(CloseCodes.NORMAL_CLOSURE, "Connection closed");
    static final CloseReason SEND_FAILED = IDLE;
    static final CloseReason SHUTDOWN = new CloseReason(CloseCodes.GOING_AWAY, "Server shutting down");
    /** Not in the original, which buffers without bound: a client whose queue passes its byte limit is let go. */
    static final CloseReason TOO_SLOW = new CloseReason(CloseCodes.VIOLATED_POLICY, "Client too slow");

    private CloseReasons() {
    }
}
