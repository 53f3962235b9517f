package dev.stt.api.events;

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
