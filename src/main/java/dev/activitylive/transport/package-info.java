/**
 * How frames reach a socket: each client's bounded outbox with its single drain, the writer threads, and the two
 * send paths (raw frames, one write per drain; portable, one standard send per frame). Knows neither events nor
 * clients, only frames.
 */
package dev.activitylive.transport;
