/**
 * The switchboard between the rest of the code and the servers' rooms: {@link
 * dev.activitylive.container.servers.ThisServer} asks each room what the server the WAR runs on offers, and hands it
 * on behind the contracts of {@code container}. The only package that knows every room; no room knows it.
 */
package dev.activitylive.container.servers;
