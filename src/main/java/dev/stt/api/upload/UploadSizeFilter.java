package dev.stt.api.upload;

import dev.stt.api.config.ApiConfig;
import dev.stt.api.errors.PayloadTooLargeException;
import dev.stt.api.errors.ProblemResponses;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;

/**
 * Refuses an announced body over {@code STT_MAX_UPLOAD_MB} before reading a byte of it. A body without a length
 * (chunked) is cut off by the multipart parser at the same limit while it streams; that refusal is answered here
 * too, as the client error it is, instead of reaching the server-error log.
 */
@ApplicationScoped
public class UploadSizeFilter {

    /** After authentication, before rate limiting: an oversize request does not use up the caller's quota. */
    static final int PRIORITY = 850;

    private final ApiConfig config;
    private final ProblemResponses problems;

    public UploadSizeFilter(ApiConfig config, ProblemResponses problems) {
        this.config = config;
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::cutOff);
    }

    private void check(RoutingContext context) {
        if (context.normalizedPath().startsWith("/api/") && announcedLength(context) > config.maxUploadBytes()) {
            problems.send(context, new PayloadTooLargeException(config.maxUploadMb()));
            return;
        }
        context.next();
    }

    private void cutOff(RoutingContext context) {
        if (context.failure() instanceof WebApplicationException e && e.getResponse().getStatus() == 413) {
            if (!context.response().ended()) {
                problems.send(context, new PayloadTooLargeException(config.maxUploadMb()));
            }
            return;
        }
        context.next();
    }

    private static long announcedLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
