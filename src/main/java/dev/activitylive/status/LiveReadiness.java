package dev.activitylive.status;

import dev.activitylive.app.LiveLifecycle;
import dev.activitylive.fanout.Clients;
import dev.activitylive.fanout.LiveStream;
import dev.activitylive.stream.Broker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness ({@code GET /health/ready}): up while the endpoint is deployed and its timers run.
 * In a cluster its data also name this instance and count the cluster's.
 */
@Readiness
@ApplicationScoped
public class LiveReadiness implements HealthCheck {

    @Inject
    LiveLifecycle lifecycle;

    @Inject
    Clients clients;

    @Inject
    LiveStream stream;

    @Inject
    Broker broker;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("activity-live")
                .status(lifecycle.phase().ready())
                .withData("clients", clients.count())
                .withData("epoch", stream.epoch())
                .withData("lastId", stream.lastId());
        String instance = broker.member().orElse(null);
        if (instance != null) {
            response.withData("instance", instance).withData("instances", broker.instances());
        }
        return response.build();
    }
}
