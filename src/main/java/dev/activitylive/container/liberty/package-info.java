/**
 * Open Liberty's room: what activity-live does through the classes of Open Liberty 26.0.0.3 and its WebSocket
 * container: several frames of a connection in one write on the connection's TCP channel. It finds its classes by
 * trying them, so elsewhere it is simply not there. Used only through {@code container.servers.ThisServer}.
 */
package dev.activitylive.container.liberty;
