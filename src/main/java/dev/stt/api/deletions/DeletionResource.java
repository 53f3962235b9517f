package dev.stt.api.deletions;

import dev.stt.api.security.Callers;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;

/** Progress of a bulk deletion started with {@code DELETE /api/v1/jobs}. */
@Authenticated
@Path("/api/v1/deletions")
@Produces(MediaType.APPLICATION_JSON)
public class DeletionResource {

    private final DeletionService deletions;
    private final Callers callers;

    public DeletionResource(DeletionService deletions, Callers callers) {
        this.deletions = deletions;
        this.callers = callers;
    }

    @GET
    @Path("/{id}")
    public Uni<DeletionView> get(@RestPath String id) {
        return deletions.find(id, callers.owner());
    }
}
