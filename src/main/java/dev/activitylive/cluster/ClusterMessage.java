package dev.activitylive.cluster;

import dev.activitylive.event.ActivityEventType;

/**
 * One event as it travels between instances: the JSON every client gets (without its id, which each instance adds
 * from the log's sequence), plus what each instance's fan-out filters on, so that nobody parses the JSON again.
 * Written once per event, read once per instance; a plain string, because Hazelcast's threads do not have the
 * application's classes.
 * <p>
 * Format: {@code type '\n' userIdLength '\n' userId json}, with length {@code -1} for no user. A length, not a
 * separator, because a user id may hold any character.
 */
public record ClusterMessage(ActivityEventType type, String userId, String json) {

    public String encode() {
        String user = userId == null ? "" : userId;
        return type.wireName() + '\n' + (userId == null ? -1 : user.length()) + '\n' + user + json;
    }

    /** The message {@link #encode()} wrote; throws {@link IllegalArgumentException} for anything else. */
    public static ClusterMessage decode(String text) {
        int typeEnd = text.indexOf('\n');
        int lengthEnd = typeEnd < 0 ? -1 : text.indexOf('\n', typeEnd + 1);
        if (lengthEnd < 0) {
            throw new IllegalArgumentException("not a cluster message: no header");
        }
        ActivityEventType type = ActivityEventType.fromWireName(text.substring(0, typeEnd))
                .orElseThrow(() -> new IllegalArgumentException("not a cluster message: unknown type"));
        int length = Integer.parseInt(text.substring(typeEnd + 1, lengthEnd));
        int userEnd = lengthEnd + 1 + Math.max(0, length);
        if (length < -1 || userEnd > text.length()) {
            throw new IllegalArgumentException("not a cluster message: bad user id length " + length);
        }
        String userId = length < 0 ? null : text.substring(lengthEnd + 1, userEnd);
        return new ClusterMessage(type, userId, text.substring(userEnd));
    }
}
