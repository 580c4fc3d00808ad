package dev.activitylive.status;

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
 */
@Path("activity/clients")
@RequestScoped
public class ClientsResource {

    @Inject
    Clients clients;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list() {
        List<ClientInfo> info = clients.info();
        return ActivityEventJson.writeValue(new ClientList(info.size(), info));
    }

    /** The answer's shape: {@code {"count":N,"clients":[{"clientId":..,"connectedAt":..,"subscribedTypes":[..],"sendPath":..}]}}. */
    @JsonbPropertyOrder({"count", "clients"})
    public record ClientList(int count, List<ClientInfo> clients) {
    }
}
