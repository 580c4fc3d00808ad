package dev.activitylive.status;

import dev.activitylive.live.Clients;
import dev.activitylive.live.LiveLifecycle;
import dev.activitylive.live.LiveStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile Health readiness ({@code GET /health/ready}): up while the endpoint is deployed and its timers run. */
@Readiness
@ApplicationScoped
public class LiveReadiness implements HealthCheck {

    @Inject
    LiveLifecycle lifecycle;

    @Inject
    Clients clients;

    @Inject
    LiveStream stream;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("activity-live")
                .status(lifecycle.phase().ready())
                .withData("clients", clients.count())
                .withData("epoch", stream.epoch())
                .withData("lastId", stream.lastId())
                .build();
    }
}
