package dev.activitylive.status;

import dev.activitylive.live.LiveLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** MicroProfile Health liveness ({@code GET /health/live}): down only if a timer died while running. */
@Liveness
@ApplicationScoped
public class LiveLiveness implements HealthCheck {

    @Inject
    LiveLifecycle lifecycle;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("activity-live-timers").status(lifecycle.phase().alive()).build();
    }
}
