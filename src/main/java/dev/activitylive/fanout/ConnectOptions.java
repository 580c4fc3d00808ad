package dev.activitylive.fanout;

import dev.activitylive.event.ActivityEventType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a client may ask for in the query of the WebSocket URL (an extension): {@code types} (comma-separated) to
 * subscribe to from the first event on, a {@link DataFilter} ({@code sessionId=s-1,s-2} and the other fields), {@code since} with {@code epoch} to resume, {@code snapshot=true} for the
 * events of the current state first (when it is not resumed), and {@code presence=true} for who is watching (a
 * viewer who sees everyone only). Asked here rather than by message, the client gets no live event before its
 * replay or state: nothing arrives twice, nothing is missed at the seam.
 */
public record ConnectOptions(Set<ActivityEventType> types, DataFilter filter, ResumeRequest resume, boolean snapshot,
                             boolean presence) {

    public static ConnectOptions of(Map<String, List<String>> query) {
        Set<ActivityEventType> types = EnumSet.noneOf(ActivityEventType.class);
        for (String list : query.getOrDefault("types", List.of())) {
            for (String name : list.split(",", -1)) {
                ActivityEventType.fromWireName(name.trim()).ifPresent(types::add);
            }
        }
        boolean resuming = query.containsKey("since") || query.containsKey("epoch");
        ResumeRequest resume = resuming ? ResumeRequest.of(first(query, "since"), first(query, "epoch")) : null;
        return new ConnectOptions(types, DataFilter.ofQuery(query), resume, "true".equals(first(query, "snapshot")),
                "true".equals(first(query, "presence")));
    }

    /**
     * What an event-stream client asks for: {@code types} as above, and where to resume: the {@code Last-Event-ID}
     * header {@code lastEventId} (null where absent), else the {@code lastEventId} query parameter, each
     * {@code <epoch>:<id>} as the stream's {@code id:} lines give them, else {@code since} with {@code epoch}.
     */
    public static ConnectOptions ofEventStream(Map<String, List<String>> query, String lastEventId) {
        ConnectOptions options = of(query);
        String position = lastEventId != null ? lastEventId : first(query, "lastEventId");
        if (position == null) {
            return options;
        }
        int colon = position.lastIndexOf(':');
        ResumeRequest resume = colon < 0 ? ResumeRequest.INVALID
                : ResumeRequest.of(position.substring(colon + 1), position.substring(0, colon));
        return new ConnectOptions(options.types(), options.filter(), resume, options.snapshot(), options.presence());
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
