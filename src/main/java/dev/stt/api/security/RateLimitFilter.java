package dev.stt.api.security;

import dev.stt.api.errors.ProblemResponses;
import dev.stt.api.errors.RateLimitedException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Applies {@link RateLimiter} to the submission endpoints, after authentication (so limits are per key) and
 * before the body is read (so a refused client cannot make the API spool its upload).
 */
@ApplicationScoped
public class RateLimitFilter {

    static final String SUBMISSIONS = "/api/v1/transcribe";

    private final RateLimiter limiter;
    private final ProblemResponses problems;

    public RateLimitFilter(RateLimiter limiter, ProblemResponses problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::limit, ApiKeyFilter.PRIORITY - 100);
    }

    private void limit(RoutingContext context) {
        if (context.request().method() != HttpMethod.POST || !isSubmission(context.normalizedPath())) {
            context.next();
            return;
        }
        // Hold the body back until the decision; the REST layer resumes reading it.
        if (!context.request().isEnded()) {
            context.request().pause();
        }
        Context vertxContext = Vertx.currentContext();
        limiter.hit(Caller.rateLimitSubject(context)).subscribe().with(decision -> vertxContext.runOnContext(ignored -> {
            decision.writeHeaders(context.response());
            if (decision.allowed()) {
                context.next();
            } else {
                problems.send(context, new RateLimitedException(decision.limit(), decision.resetSeconds()));
            }
        }));
    }

    private static boolean isSubmission(String path) {
        return path.equals(SUBMISSIONS) || path.startsWith(SUBMISSIONS + "/");
    }
}
