package dev.stt.api.deletions;

import dev.stt.api.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;

/** Progress of a bulk deletion started with {@code DELETE /api/v1/jobs}. */
@Path("/api/v1/deletions")
@Produces(MediaType.APPLICATION_JSON)
public class DeletionResource {

    private final DeletionService deletions;

    public DeletionResource(DeletionService deletions) {
        this.deletions = deletions;
    }

    @GET
    @Path("/{id}")
    public Uni<DeletionView> get(@RestPath String id, RoutingContext context) {
        return deletions.find(id, Caller.ownerOf(context));
    }
}
