package dev.activitylive.status;

import dev.activitylive.event.ProtocolJson;
import dev.activitylive.fanout.ClientInfo;
import dev.activitylive.fanout.Clients;
import dev.activitylive.http.ApiPaths;
import dev.activitylive.http.ErrorBody;
import dev.activitylive.http.JsonAnswer;
import dev.activitylive.stream.Broker;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /api/v1/activity/clients}: the connected clients and their count, the original's
 * {@code getClientInfo()} and {@code getClientCount()}. Role {@code activity-admin} (web-fragment.xml). A plain servlet, like
 * every HTTP answer of activity-live: no JAX-RS application of ours that could shadow a host's.
 * <p>
 * In a cluster it lists this instance's clients, and says which instance that is and how many there are, so an
 * operator (or a script summing over instances) knows what the count covers; alone, the answer is the original's.
 */
@WebServlet(ApiPaths.CLIENTS)
public class ClientsServlet extends HttpServlet {

    @Inject
    Clients clients;

    @Inject
    Broker broker;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            JsonAnswer.send(response, 405, new ErrorBody("method not allowed: the client list answers GET").toJson());
            return;
        }
        List<ClientInfo> info = clients.info();
        String instance = broker.member().orElse(null);
        JsonAnswer.send(response, 200, ProtocolJson.write(new ClientList(info.size(), info, instance,
                instance == null ? null : broker.instances())));
    }

    /**
     * The answer's shape: {@code {"count":N,"clients":[{"clientId":..,"connectedAt":..,"subscribedTypes":[..],
     * "sendPath":..}]}}, plus {@code "instance":"host:port","instances":N} in a cluster (null, so absent, alone).
     */
    @JsonbPropertyOrder({"count", "clients", "instance", "instances"})
    public record ClientList(int count, List<ClientInfo> clients, String instance, Integer instances) {
    }
}
