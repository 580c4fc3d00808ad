/**
 * WildFly's room: what activity-live does through the classes of WildFly 39.0.1.Final and its web container
 * (Undertow 2.3.23): several frames of a connection in one gathering write on Undertow's WebSocket channel, the body
 * read timeout through the connection's XNIO option, and the check of Elytron's integrated JASPI in WildFly's
 * management model. Each piece finds its classes by trying them, so elsewhere it is simply not there. Used only
 * through {@code container.servers.ThisServer}.
 */
package dev.activitylive.container.wildfly;
