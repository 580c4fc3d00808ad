package dev.activitylive.live;

import java.time.Instant;
import java.util.List;

/** One connected client as operators see it; {@code subscribedTypes} empty means every type. */
public record ClientInfo(String clientId, Instant connectedAt, List<String> subscribedTypes) {
}
