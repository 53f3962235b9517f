package dev.stt.api.events;

import dev.stt.api.errors.ValidationException;
import dev.stt.api.security.Callers;
import dev.stt.common.events.JobEventLog;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Opens the event stream of {@code GET /api/v1/jobs/{id}/events} before the resource method runs (after
 * authentication): ownership, the per-key stream limit and what the client gets first are settled while the answer
 * can still be any status. The opened stream waits in the request for {@link JobEventsResource}; a request that ends
 * before taking it frees it.
 */
public class EventStreamOpening {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String STREAM = EventStreamOpening.class.getName();

    private final EventStreams streams;
    private final Callers callers;

    public EventStreamOpening(EventStreams streams, Callers callers) {
        this.streams = streams;
        this.callers = callers;
    }

    @OpensEventStream
    @ServerRequestFilter
    public Uni<Response> open(ContainerRequestContext request, RoutingContext context) {
        String lastEventId = request.getHeaderString(LAST_EVENT_ID);
        if (lastEventId != null && !JobEventLog.isId(lastEventId)) {
            throw new ValidationException(LAST_EVENT_ID, "must be the id of an event of this stream, such as 1718000000000-0");
        }
        String jobId = request.getUriInfo().getPathParameters().getFirst("id");
        return streams.open(jobId, callers.owner(), callers.limitSubject(context), lastEventId)
                .map(stream -> {
                    context.addEndHandler(ended -> stream.endUnlessStreaming());
                    if (stream.isNoContent()) {
                        stream.end();
                        return Response.noContent().build();
                    }
                    context.put(STREAM, stream);
                    return null;
                });
    }

    /** The stream this request opened. */
    static EventStream opened(RoutingContext context) {
        EventStream stream = context.get(STREAM);
        if (stream == null) {
            throw new IllegalStateException("the event stream filter did not run for " + context.normalizedPath());
        }
        return stream;
    }
}
