package dev.stt.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.api.requestid.RequestIds;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers with a problem document from HTTP filters, before any resource runs (refused keys, rate limits,
 * oversize bodies): the same document {@link ProblemMapper} renders for resources.
 */
@ApplicationScoped
public class ProblemResponses {

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    public void send(RoutingContext context, ApiException e) {
        Problem body = Problem.of(e, RequestIds.of(context));
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        e.headers().forEach(context.response()::putHeader);
        context.response()
                .setStatusCode(e.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(text);
    }
}
