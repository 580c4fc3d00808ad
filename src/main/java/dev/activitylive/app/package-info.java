/**
 * The composition root: chooses and connects the parts at deployment ({@code StreamWiring}: the stream's broker and
 * what reads it), runs the timers, and ends the service before the container takes it apart ({@code LiveLifecycle},
 * whose {@code LivePhase} the health checks report). Everything may be wired here; nothing but the health checks
 * depends on it.
 */
package dev.activitylive.app;
