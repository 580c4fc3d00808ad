package dev.activitylive.status;

import dev.activitylive.cluster.ClusterStream;
import dev.activitylive.event.ActivityEventJson;
import dev.activitylive.live.ClientInfo;
import dev.activitylive.live.Clients;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/v1/activity/clients}: the connected clients and their count, the original's
 * {@code getClientInfo()} and {@code getClientCount()}. Role {@code activity-admin} (web.xml).
 * <p>
 * In a cluster it lists this instance's clients, and says which instance that is and how many there are, so an
 * operator (or a script summing over instances) knows what the count covers; alone, the answer is the original's.
 */
@Path("activity/clients")
@RequestScoped
public class ClientsResource {

    @Inject
    Clients clients;

    @Inject
    ClusterStream cluster;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list() {
        List<ClientInfo> info = clients.info();
        String instance = cluster.member();
        return ActivityEventJson.writeValue(new ClientList(info.size(), info, instance,
                instance == null ? null : cluster.members()));
    }

    /**
     * The answer's shape: {@code {"count":N,"clients":[{"clientId":..,"connectedAt":..,"subscribedTypes":[..],
     * "sendPath":..}]}}, plus {@code "instance":"host:port","instances":N} in a cluster (null, so absent, alone).
     */
    @JsonbPropertyOrder({"count", "clients", "instance", "instances"})
    public record ClientList(int count, List<ClientInfo> clients, String instance, Integer instances) {
    }
}
