package dev.activitylive.fanout;

import dev.activitylive.event.ActivityEventType;
import dev.activitylive.transport.Outbound;

/** A broadcast event as the history keeps it: what a replay filters on, and its frame, shared with the live send. */
record StreamedEvent(ActivityEventType type, String userId, Outbound.Text frame) {

    /** What it holds in memory, roughly: the frame, the JSON string beside it, and the objects around them. */
    long weight() {
        return frame.frame().length + frame.json().length() + 96L;
    }
}
