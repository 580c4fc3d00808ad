/**
 * The HTTP API's paths, its JSON answers and error bodies, and the JSON error page for the container's own refusals.
 */
package dev.activitylive.http;
