/**
 * What only the standalone server has, and a host WAR that adds the library does not get: the development users and
 * their identity store, the authentication mechanism (HTTP Basic or the login kept in the session), and the JSON
 * error page for the container's own refusals. Nothing of the library depends on it.
 */
package dev.activitylive.standalone;
