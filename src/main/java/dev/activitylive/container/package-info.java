/**
 * The container room's door: the contracts every server's room implements ({@link
 * dev.activitylive.container.FrameWriter}, {@link dev.activitylive.container.ReadLock}, {@link
 * dev.activitylive.container.BodyReadTimeout}, {@link dev.activitylive.container.GuardedConnection}) and the pieces
 * that work the same on every server (the default concurrency resources, the session cookie's SameSite, the context
 * class loader for portable sends, which server it is). What one server offers lives in its own room ({@code payara},
 * {@code wildfly}), and {@code servers.ThisServer} is the one class that asks them: the rest of the code never names
 * a server. Each workaround names the versions it was checked on and what happens where it is missing
 * (docs/architecture.md lists them). This package knows nothing of clients or the stream, nor of the rooms.
 */
package dev.activitylive.container;
