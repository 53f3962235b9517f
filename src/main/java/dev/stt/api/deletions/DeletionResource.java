package dev.stt.api.deletions;

import io.smallrye.mutiny.Uni;
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
    public Uni<DeletionView> get(@RestPath String id) {
        return deletions.find(id, owner());
    }

    /** The caller's key hash, as {@code JobResource.owner()}; {@code null} while the API runs without keys. */
    private String owner() {
        return null;
    }
}
