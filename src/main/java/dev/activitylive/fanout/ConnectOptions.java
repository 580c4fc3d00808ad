package dev.activitylive.fanout;

import dev.activitylive.event.ActivityEventType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a client may ask for in the query of the WebSocket URL (an extension): {@code types} (comma-separated) to
 * subscribe to from the first event on, and {@code since} with {@code epoch} to resume. Resuming here rather than by
 * message means the client gets no live event before its replay: nothing arrives twice.
 */
public record ConnectOptions(Set<ActivityEventType> types, ResumeRequest resume) {

    public static ConnectOptions of(Map<String, List<String>> query) {
        Set<ActivityEventType> types = EnumSet.noneOf(ActivityEventType.class);
        for (String list : query.getOrDefault("types", List.of())) {
            for (String name : list.split(",", -1)) {
                ActivityEventType.fromWireName(name.trim()).ifPresent(types::add);
            }
        }
        boolean resuming = query.containsKey("since") || query.containsKey("epoch");
        ResumeRequest resume = resuming ? ResumeRequest.of(first(query, "since"), first(query, "epoch")) : null;
        return new ConnectOptions(types, resume);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
