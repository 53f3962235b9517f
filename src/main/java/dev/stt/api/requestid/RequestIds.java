package dev.stt.api.requestid;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP exchange an id: the client's {@code X-Request-ID} when it is sane, a new UUID otherwise.
 * The id is echoed on every response (errors, health and static files included), put on every log line
 * of the request and handed to the worker with the job.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-ID";
    public static final String MDC_KEY = "request_id";
    private static final String CONTEXT_KEY = "stt.request-id";
    /** Anything else (control characters, 4 KB of junk) would end up in logs and headers verbatim. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void register(@Observes Filters filters) {
        filters.register(this::assign, 1000);
    }

    private void assign(RoutingContext context) {
        String offered = context.request().getHeader(HEADER);
        String id = offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        context.put(CONTEXT_KEY, id);
        context.response().putHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        context.next();
    }

    /** The id of the exchange being served. */
    public static String of(RoutingContext context) {
        String id = context == null ? null : context.get(CONTEXT_KEY);
        return id != null ? id : UUID.randomUUID().toString();
    }
}
