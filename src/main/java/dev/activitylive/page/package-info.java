/**
 * The browser side's door: the dashboard page and the browser client module are static files of the library jar
 * ({@code META-INF/resources/activity-live/}); {@link dev.activitylive.page.DashboardGate} serves the page only
 * where the application opted in. Knows nothing of the stream.
 */
package dev.activitylive.page;
