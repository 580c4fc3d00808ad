/**
 * The two ways in: {@code Broadcaster} observes every {@code ActivityEvent} fired in the application, and
 * {@code PublishServlet} with {@code EventPublisher} takes events over HTTP (limits, checks, all or none; a body
 * that did not come with the request's head waited for by {@code BodyWaits}, within a time and a number of such
 * requests); both publish to the stream's broker.
 */
package dev.activitylive.publish;
