package dev.activitylive.fanout;

import jakarta.websocket.CloseReason;

/** What a client's message asks of the rest of the engine, beyond what the client did with it itself. */
public sealed interface Reaction {

    Reaction NONE = new None();

    record None() implements Reaction {
    }

    /** The client broke a limit: close it. */
    record Close(CloseReason reason) implements Reaction {
    }

    /** The client asked for what it missed. */
    record Resume(ResumeRequest request) implements Reaction {
    }
}
