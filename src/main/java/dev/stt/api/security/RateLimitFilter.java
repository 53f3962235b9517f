package dev.stt.api.security;

import dev.stt.api.errors.RateLimitedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies {@link RateLimiter} to the resource methods marked {@link RateLimited}: after authentication (so limits are
 * per key), after routing (so every spelling of a submission path counts), and before the request body is read (the
 * upload resources read it themselves, after this filter), so a refused client cannot make the API spool its upload.
 */
public class RateLimitFilter {

    private final RateLimiter limiter;
    private final Callers callers;

    public RateLimitFilter(RateLimiter limiter, Callers callers) {
        this.limiter = limiter;
        this.callers = callers;
    }

    @RateLimited
    @ServerRequestFilter
    public Uni<Response> limit(RoutingContext context) {
        return limiter.hit(callers.limitSubject(context))
                .map(decision -> {
                    decision.writeHeaders(context.response());
                    if (!decision.allowed()) {
                        throw new RateLimitedException(decision.limit(), decision.resetSeconds());
                    }
                    return null;
                });
    }
}
