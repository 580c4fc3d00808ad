/**
 * Who may do what: the authentication mechanism of every request, the roles, the login servlet and its sessions, the
 * viewer's scope of events, the handshake's record of who connected, and the development users.
 */
package dev.activitylive.security;
