/**
 * activity-live's figures behind a few verbs the engine calls ({@code LiveMetrics}); in MicroProfile Metrics when
 * the runtime has it, else nowhere. The only package besides the health checks that touches MicroProfile.
 */
package dev.activitylive.metrics;
