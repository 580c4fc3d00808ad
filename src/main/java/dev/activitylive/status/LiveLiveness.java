package dev.activitylive.status;

import dev.activitylive.app.LiveLifecycle;
import dev.activitylive.stream.Broker;
import dev.activitylive.transport.Writers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * MicroProfile Health liveness ({@code GET /health/live}): down only if a timer died while running, or if so many
 * writer threads are stuck in the container that no more are replaced, or, in a cluster, if the thread that sends
 * this instance's events or the one that follows the cluster's stream died: a restart is then the cure.
 */
@Liveness
@ApplicationScoped
public class LiveLiveness implements HealthCheck {

    @Inject
    LiveLifecycle lifecycle;

    @Inject
    Writers writers;

    @Inject
    Broker broker;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("activity-live-timers")
                .status(lifecycle.phase().alive() && !writers.exhausted() && broker.alive())
                .withData("stuckWriters", writers.stuck())
                .build();
    }
}
