package dev.activitylive.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The HTTP API's root, shared with the WebSocket endpoint's path: {@code /api/v1}. */
@ApplicationPath("/api/v1")
public class RestApplication extends Application {

    // Jersey would otherwise publish a WADL description of every resource at /api/v1/application.wadl.
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
