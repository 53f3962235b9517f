package dev.stt.api.security;

import dev.stt.api.errors.AuthenticationException;
import dev.stt.api.errors.ProblemResponses;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Renders the security layer's refusals — a wrong key, no key where one is needed — as the same 401 problem
 * document as every other error. Quarkus authenticates before any resource runs, so resource exception mappers
 * never see these.
 */
@ApplicationScoped
public class AuthenticationFailures {

    private final ProblemResponses problems;

    public AuthenticationFailures(ProblemResponses problems) {
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::render);
    }

    private void render(RoutingContext context) {
        Throwable failure = context.failure();
        boolean unauthenticated = failure instanceof AuthenticationFailedException
                || failure instanceof AuthenticationCompletionException
                || failure instanceof UnauthorizedException
                || failure instanceof ForbiddenException
                || (failure == null && (context.statusCode() == 401 || context.statusCode() == 403));
        if (!unauthenticated || context.response().ended()) {
            context.next();
            return;
        }
        send(context);
    }

    /** The 401 for this request: it sent no key, or one that is not configured. */
    void send(RoutingContext context) {
        boolean keySent = ApiKeyCredentials.presented(context.request()).isPresent();
        context.response().putHeader("WWW-Authenticate", "Bearer realm=\"stt\"");
        problems.send(context, new AuthenticationException(keySent
                ? "The " + ApiKeyCredentials.HEADER + " header does not hold a valid key."
                : "Send your API key in the " + ApiKeyCredentials.HEADER + " header (or as 'Authorization: Bearer <key>')."));
    }
}
