/**
 * The two ways in: {@code Broadcaster} observes every {@code ActivityEvent} fired in the application, and
 * {@code PublishServlet} with {@code EventPublisher} takes events over HTTP (limits, checks, all or none; a body
 * that arrives slowly read by {@code BodyReader} for {@code AsyncPublish}, holding no thread); both publish to the
 * stream's broker.
 */
package dev.activitylive.publish;
