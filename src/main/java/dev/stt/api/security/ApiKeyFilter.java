package dev.stt.api.security;

import dev.stt.api.config.ApiConfig;
import dev.stt.api.errors.AuthenticationException;
import dev.stt.api.errors.ProblemResponses;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Requires a configured {@code X-API-Key} on every {@code /api/} request, before its body is read: a refused
 * client cannot make the API spool a large upload. Health, metrics, OpenAPI and the UI's static files stay open,
 * and so do CORS preflights, which browsers send without custom headers.
 */
@ApplicationScoped
public class ApiKeyFilter {

    public static final String HEADER = "X-API-Key";
    static final int PRIORITY = 900;
    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    private final KeyMatcher keys;
    private final boolean enabled;
    private final ProblemResponses problems;

    public ApiKeyFilter(ApiConfig config, ProblemResponses problems) {
        List<String> configured = config.apiKeys().orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        this.keys = new KeyMatcher(configured);
        this.enabled = !configured.isEmpty();
        this.problems = problems;
    }

    void warnWhenOpen(@Observes StartupEvent start) {
        if (!enabled) {
            LOG.warn("STT_API_KEYS is not set: the API accepts requests without a key and every caller sees every job. "
                    + "Use this for local development only.");
        }
    }

    void register(@Observes Filters filters) {
        filters.register(this::authenticate, PRIORITY);
    }

    private void authenticate(RoutingContext context) {
        if (!enabled || !context.normalizedPath().startsWith("/api/") || context.request().method() == HttpMethod.OPTIONS) {
            context.next();
            return;
        }
        String presented = context.request().getHeader(HEADER);
        Optional<String> owner = keys.ownerOf(presented);
        if (owner.isEmpty()) {
            problems.send(context, new AuthenticationException(presented == null
                    ? "Send your API key in the " + HEADER + " header."
                    : "The " + HEADER + " header does not hold a valid key."));
            return;
        }
        Caller.authenticate(context, owner.get());
        context.next();
    }
}
