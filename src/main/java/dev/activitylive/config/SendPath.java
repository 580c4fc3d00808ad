package dev.activitylive.config;

/** How frames reach the socket: the value of {@link Setting#SEND_PATH}. */
public enum SendPath implements WordValue {
    /** Pre-encoded frames, all pending ones in one raw socket write, where the container allows it; else portable. */
    AUTO,
    /** Only standard Jakarta WebSocket sends, one per frame, as on any Jakarta EE server. */
    PORTABLE;
}
