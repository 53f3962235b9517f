package dev.stt.api.http;

import dev.stt.api.config.ApiConfig;
import dev.stt.api.errors.ProblemResponses;
import dev.stt.api.errors.RequestTimeoutException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A read deadline for request bodies: in every window of {@code STT_HTTP_BODY_PROGRESS_WINDOW} the body must grow by
 * at least {@code STT_HTTP_MIN_BODY_BYTES}, or the request is answered 408 and its connection closed. A stalled body
 * or one trickling a byte every few seconds cannot hold a connection (and a spool file) open, while a slow but
 * steadily progressing upload of any size goes through. Idle connections and unfinished headers are closed by
 * {@code quarkus.http.idle-timeout}.
 */
@ApplicationScoped
public class BodyProgressWatch {

    private static final Logger LOG = Logger.getLogger(BodyProgressWatch.class);
    static final int PRIORITY = 980;

    private final Vertx vertx;
    private final ProblemResponses problems;
    private final long windowMillis;
    private final long minBytes;
    private final Counter closed;

    public BodyProgressWatch(Vertx vertx, ProblemResponses problems, ApiConfig config, MeterRegistry metrics) {
        this.vertx = vertx;
        this.problems = problems;
        this.windowMillis = config.http().bodyProgressWindow().toMillis();
        this.minBytes = config.http().minBodyBytes();
        this.closed = Counter.builder("stt.http.slow.bodies")
                .description("Requests closed because their body arrived slower than the configured minimum")
                .register(metrics);
    }

    void register(@Observes Filters filters) {
        filters.register(this::watch, PRIORITY);
    }

    private void watch(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!request.isEnded() && hasBody(request)) {
            long[] seen = {request.bytesRead()};
            long timer = vertx.setPeriodic(windowMillis, id -> {
                if (request.isEnded() || context.response().closed()) {
                    vertx.cancelTimer(id);
                    return;
                }
                long now = request.bytesRead();
                if (now - seen[0] < minBytes) {
                    vertx.cancelTimer(id);
                    cutOff(context, now - seen[0]);
                }
                seen[0] = now;
            });
            context.addEndHandler(ignored -> vertx.cancelTimer(timer));
        }
        context.next();
    }

    private void cutOff(RoutingContext context, long bytesInWindow) {
        closed.increment();
        LOG.warnf("Closing a connection whose request body stalled (%d bytes in the last %d ms, at least %d required)",
                bytesInWindow, windowMillis, minBytes);
        if (!context.response().headWritten()) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            problems.send(context, new RequestTimeoutException("The request body arrived too slowly: at least " + minBytes
                    + " bytes are required every " + windowMillis / 1000.0 + " s."));
        }
        context.request().connection().close();
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || (length != null && !length.strip().equals("0"));
    }
}
