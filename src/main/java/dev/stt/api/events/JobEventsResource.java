package dev.stt.api.events;

import dev.stt.common.events.JobUpdate;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/** A job's live events as Server-Sent Events: every status change and finished chunk, until the job ends. */
@Authenticated
@Path("/api/v1/jobs/{id}/events")
public class JobEventsResource {

    /**
     * The stream {@link EventStreamOpening} opened for this request, written on the request's own context. The
     * parameters are read by the filter; they are declared here for the OpenAPI document.
     */
    @Operation(summary = "A job's live events (Server-Sent Events)")
    @APIResponse(responseCode = "200", description = "Events until the job ends: 'status' and 'progress', each with an id and the job's state as JSON; a heartbeat comment every STT_EVENTS_HEARTBEAT",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = JobUpdate.class)))
    @APIResponse(responseCode = "204", description = "Resumed with Last-Event-ID after the final status: nothing newer, do not reconnect")
    @APIResponse(responseCode = "400", ref = "Problem400")
    @APIResponse(responseCode = "401", ref = "Problem401")
    @APIResponse(responseCode = "404", ref = "Problem404")
    @APIResponse(responseCode = "429", ref = "Problem429")
    @APIResponse(responseCode = "503", ref = "Problem503")
    @GET
    @OpensEventStream
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    public Multi<OutboundSseEvent> events(@RestPath String id,
            @RestHeader(EventStreamOpening.LAST_EVENT_ID) String lastEventId, @Context Sse sse, RoutingContext context) {
        io.vertx.core.Context requestContext = Vertx.currentContext();
        Executor writer = task -> requestContext.runOnContext(ignored -> task.run());
        return EventStreamOpening.opened(context).events(sse, writer);
    }
}
