package dev.stt.api.http;

import dev.stt.api.config.ApiConfig;
import dev.stt.api.errors.PayloadTooLargeException;
import dev.stt.api.errors.ProblemResponses;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a body whose announced length is over its limit before reading a byte of it: uploads (multipart) against
 * {@code STT_MAX_UPLOAD_MB} plus room for the form fields, every other body (JSON) against
 * {@code STT_HTTP_MAX_JSON_BODY}. Bodies without a length are held to the same limits while they stream (the upload
 * reader counts, {@code quarkus.http.limits.max-body-size} caps the rest).
 */
@ApplicationScoped
public class BodyLimitFilter {

    /** After authentication's filters, before rate limiting: an oversize request does not use up the caller's quota. */
    static final int PRIORITY = 850;

    private final ApiConfig config;
    private final ProblemResponses problems;

    public BodyLimitFilter(ApiConfig config, ProblemResponses problems) {
        this.config = config;
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        long announced = announcedLength(context);
        if (announced >= 0) {
            if (isMultipart(context) && announced > config.maxUploadRequestBytes()) {
                refuse(context, PayloadTooLargeException.upload(config.maxUploadMb()));
                return;
            }
            if (!isMultipart(context) && announced > config.http().maxJsonBody()) {
                refuse(context, PayloadTooLargeException.body(config.http().maxJsonBody()));
                return;
            }
        }
        if (!isMultipart(context)) {
            // bodies without a length: the REST layer reads JSON up to this many bytes, not up to the upload limit
            context.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, config.http().maxJsonBody());
        }
        context.next();
    }

    private void refuse(RoutingContext context, PayloadTooLargeException e) {
        // the body is not read: the connection cannot be reused
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        problems.send(context, e);
    }

    static boolean isMultipart(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
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
