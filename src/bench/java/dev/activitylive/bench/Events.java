package dev.activitylive.bench;

/**
 * The bench's events: {@code memory_operation}s whose {@code memoryId} is "bench:SEQ:SENDNANOS" so a client can tell
 * which event it got and when it was published, padded through {@code sector} to a chosen size. Valid for both
 * servers' publish API.
 */
final class Events {

    static final String MARK = "\"memoryId\":\"bench:";

    private Events() {
    }

    /** A JSON array of the events {@code from} .. {@code from + count - 1}, stamped now, each about {@code bytes} long. */
    static String batch(int from, int count, int bytes) {
        StringBuilder json = new StringBuilder(count * Math.max(bytes, 160) + 2).append('[');
        for (int seq = from; seq < from + count; seq++) {
            if (seq > from) {
                json.append(',');
            }
            int start = json.length();
            json.append("{\"type\":\"memory_operation\",\"data\":{\"operation\":\"store\",\"memoryId\":\"bench:")
                    .append(seq).append(':').append(System.nanoTime())
                    .append("\",\"userId\":\"bench-user\",\"success\":true,\"sector\":\"");
            int padding = bytes - (json.length() - start) - 3;
            for (int i = 0; i < padding; i++) {
                json.append('x');
            }
            json.append("\"}}");
        }
        return json.append(']').toString();
    }
}
