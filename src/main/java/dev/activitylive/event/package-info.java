/**
 * The protocol's events as immutable records ({@code ActivityEvent}, its types and data), their factories, and
 * their JSON both ways, byte for byte as the original writes it. Imports nothing of ours and nothing of a container:
 * the entities every producer compiles against.
 */
package dev.activitylive.event;
