package dev.activitylive.fanout;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One connected client as operators see it; {@code subscribedTypes} empty means every type. {@code sendPath} and
 * {@code filter} are extensions (the original has no such fields): how frames reach the client, and what its
 * subscription narrows by in the events' data (null, and so left out, where nothing).
 */
@JsonbPropertyOrder({"clientId", "connectedAt", "subscribedTypes", "sendPath", "filter"})
public record ClientInfo(String clientId, Instant connectedAt, List<String> subscribedTypes, String sendPath,
                         Map<String, List<String>> filter) {
}
