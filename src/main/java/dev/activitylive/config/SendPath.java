package dev.activitylive.config;

import java.util.Arrays;

/** How frames reach the socket: the value of {@link Setting#SEND_PATH}. */
public enum SendPath {
    /** Pre-encoded frames, all pending ones in one raw socket write, where the container allows it; else portable. */
    AUTO("auto"),
    /** Only standard Jakarta WebSocket sends, one per frame, as on any Jakarta EE server. */
    PORTABLE("portable");

    private final String word;

    SendPath(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    static SendPath of(String word) {
        return Arrays.stream(values()).filter(path -> path.word.equals(word)).findFirst().orElseThrow();
    }
}
