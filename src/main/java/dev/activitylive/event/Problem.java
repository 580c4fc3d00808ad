package dev.activitylive.event;

/**
 * One thing wrong with submitted JSON: where ({@code $[2].data.userId}, a JSONPath-like location) and what.
 */
public record Problem(String path, String message) {
}
