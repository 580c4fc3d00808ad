package dev.activitylive.fanout;

import dev.activitylive.event.WholeNumbers;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A client's wish to get what it missed: every event after id {@code since} of the stream {@code epoch}. Made from a
 * {@code resume} message or the {@code since} and {@code epoch} query parameters of the WebSocket URL. One that is
 * not well-formed is kept as {@link #INVALID}, so that the client is told why instead of being ignored.
 */
record ResumeRequest(long since, String epoch) {

    static final ResumeRequest INVALID = new ResumeRequest(-1, "");

    /** Why an invalid request cannot be served, in the client's terms. */
    static final String INVALID_REASON = "resume needs since (a whole number, 0 or more) and epoch (a string);"
            + " an event stream's Last-Event-ID is <epoch>:<id>";

    boolean valid() {
        return since >= 0 && !epoch.isEmpty();
    }

    /** From a message's {@code since} (a number or a string of digits) and {@code epoch}; either may be missing. */
    static ResumeRequest of(JsonValue since, JsonValue epoch) {
        long id = since instanceof JsonNumber number ? WholeNumbers.exact(number).orElse(-1)
                : since instanceof JsonString text ? digits(text.getString()) : -1;
        return of(id, epoch instanceof JsonString text ? text.getString() : null);
    }

    /** From the query parameters' values, each null where absent. */
    static ResumeRequest of(String since, String epoch) {
        return of(since == null ? -1 : digits(since), epoch);
    }

    private static ResumeRequest of(long since, String epoch) {
        return since >= 0 && epoch != null && !epoch.isEmpty() && epoch.length() <= 64
                ? new ResumeRequest(since, epoch) : INVALID;
    }

    private static long digits(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }
}
