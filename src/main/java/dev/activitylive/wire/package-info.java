/**
 * RFC 6455 as this server speaks it: the frames it writes, the close codes and reasons it sends, the inbound guard
 * that judges a client's frame headers as they arrive, and the token bucket of a client's rate. Plain logic,
 * depending on nothing else of ours.
 */
package dev.activitylive.wire;
