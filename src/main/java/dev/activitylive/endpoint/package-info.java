/**
 * The WebSocket boundary: the {@code @ServerEndpoint} and the handshake filter with its RFC 6455 checks. Thin: hands
 * connections and messages to the fan-out, refusals to the wire rules. Nothing of the engine imports it.
 */
package dev.activitylive.endpoint;
