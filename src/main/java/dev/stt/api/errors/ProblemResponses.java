package dev.stt.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers with an error from HTTP filters, before any resource runs (refused keys, rate limits, oversize bodies):
 * the same problem document (or, on the OpenAI-compatible routes, OpenAI error object) {@link ProblemMapper} renders
 * for resources.
 */
@ApplicationScoped
public class ProblemResponses {

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    public void send(RoutingContext context, ApiException e) {
        ErrorBodies.Rendered rendered = ErrorBodies.render(e, context);
        String text;
        try {
            text = json.writeValueAsString(rendered.body());
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        e.headers().forEach(context.response()::putHeader);
        context.response()
                .setStatusCode(e.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, rendered.mediaType())
                .end(text);
    }
}
