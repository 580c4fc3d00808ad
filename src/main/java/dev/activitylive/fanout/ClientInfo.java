package dev.activitylive.fanout;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * One connected client as operators see it; {@code subscribedTypes} empty means every type. {@code sendPath} is an
 * extension (the original has no such field): {@code raw-frames} or {@code portable}, how frames reach the client.
 */
@JsonbPropertyOrder({"clientId", "connectedAt", "subscribedTypes", "sendPath"})
public record ClientInfo(String clientId, Instant connectedAt, List<String> subscribedTypes, String sendPath) {
}
