package dev.stt.api.deletions;

import dev.stt.api.security.Callers;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    @Operation(summary = "A bulk deletion's progress")
    @APIResponse(responseCode = "200", description = "The deletion",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeletionView.class)))
    @APIResponse(responseCode = "401", ref = "Problem401")
    @APIResponse(responseCode = "404", ref = "Problem404")
    @GET
    @Path("/{id}")
    public Uni<DeletionView> get(@RestPath String id) {
        return deletions.find(id, callers.owner());
    }
}
