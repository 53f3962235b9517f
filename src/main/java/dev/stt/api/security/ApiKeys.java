package dev.stt.api.security;

import dev.stt.api.config.ApiConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The configured API keys and the mode they put the API in: keys required ({@code STT_API_KEYS} set), or auth off
 * (none configured, every caller may reach every job; local development only, warned at start).
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    private final KeyMatcher matcher;
    private final boolean required;

    public ApiKeys(ApiConfig config) {
        List<String> configured = config.apiKeys().orElse(List.of()).stream()
                .map(String::strip)
                .filter(key -> !key.isEmpty())
                .toList();
        this.matcher = new KeyMatcher(configured);
        this.required = !configured.isEmpty();
    }

    void warnWhenOff(@Observes StartupEvent start) {
        if (!required) {
            LOG.warn("STT_API_KEYS is not set: the API accepts requests without a key and every caller sees every job. "
                    + "Use this for local development only.");
        }
    }

    /** Whether requests need a key; false only when no key is configured. */
    public boolean required() {
        return required;
    }

    /** The owner of a presented key, if it is a configured one. */
    Optional<Owner> ownerOf(String presented) {
        return matcher.ownerOf(presented).map(Owner::ofKey);
    }
}
