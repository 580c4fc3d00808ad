package com.example.memory;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/watchers}: the users watching the stream now, from {@link Watchers}. */
@Path("watchers")
@Produces(MediaType.APPLICATION_JSON)
public class WatchersResource {

    @Inject
    Watchers watchers;

    @GET
    public List<String> users() {
        return watchers.users();
    }
}
