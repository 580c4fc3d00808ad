package dev.activitylive.wire;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;

/** The close codes and reasons the server sends, as the protocol (and the original handler) words them. */
public final class CloseReasons {

    public static final CloseReason MAX_CLIENTS = new CloseReason(CloseCodes.TRY_AGAIN_LATER, "Maximum clients reached");
    public static final CloseReason IDLE = new CloseReason(CloseCodes.NORMAL_CLOSURE, "Connection closed");
    public static final CloseReason SEND_FAILED = IDLE;
    public static final CloseReason SHUTDOWN = new CloseReason(CloseCodes.GOING_AWAY, "Server shutting down");
    /** Not in the original, which buffers without bound: a client whose queue passes its byte limit is let go. */
    public static final CloseReason TOO_SLOW = new CloseReason(CloseCodes.VIOLATED_POLICY, "Client too slow");
    /** Not in the original, which takes messages of any size: one over the client message limit. */
    public static final CloseReason MESSAGE_TOO_BIG = new CloseReason(CloseCodes.TOO_BIG, "Message too big");
    /** Not in the original: more messages than the client message rate allows. */
    public static final CloseReason TOO_MANY_MESSAGES = new CloseReason(CloseCodes.VIOLATED_POLICY, "Too many messages");
    /** Not in the original, which reads them: RFC 6455 §5.1 requires a server to close on an unmasked client frame. */
    static final CloseReason UNMASKED_FRAME = new CloseReason(CloseCodes.PROTOCOL_ERROR, "Frames must be masked");
    /** Not in the original: the login the connection was opened with was logged out or expired. */
    public static final CloseReason LOGIN_ENDED = new CloseReason(CloseCodes.VIOLATED_POLICY, "Login ended");
    /** Not in the original (no cluster): this instance's stream lost continuity; reconnect and resume. */
    public static final CloseReason STREAM_RESTARTED = new CloseReason(CloseCodes.SERVICE_RESTART, "Stream restarted");
    /** A connection that got past the handshake check without the login it needs; not expected to happen. */
    public static final CloseReason NOT_AUTHENTICATED = new CloseReason(CloseCodes.VIOLATED_POLICY, "Authentication required");

    private CloseReasons() {
    }
}
