package com.example.memory;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * The application's own REST resource, at {@code /api/memories} beside the library's {@code /api/v1/activity/...};
 * web.xml lets only its users in.
 */
@Path("memories")
@Produces(MediaType.APPLICATION_JSON)
public class MemoryResource {

    @Inject
    MemoryService memories;

    @GET
    public List<MemoryService.Memory> list() {
        return memories.all();
    }

    /** Stores a memory for the caller, in {@code sector}; only for writers. */
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    public MemoryService.Memory store(@Context SecurityContext caller, @QueryParam("sector") String sector,
                                      String text) {
        if (!caller.isUserInRole("memory-writer")) {
            throw new ForbiddenException();
        }
        return memories.store(caller.getUserPrincipal().getName(), sector == null ? "episodic" : sector, text);
    }
}
