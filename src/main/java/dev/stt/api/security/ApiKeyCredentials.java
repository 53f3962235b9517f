package dev.stt.api.security;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * Where a request carries its API key: {@code X-API-Key}, or {@code Authorization: Bearer <key>} as OpenAI's SDKs
 * and many HTTP tools send it. {@code X-API-Key} wins when both are present.
 */
final class ApiKeyCredentials {

    static final String HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";

    private ApiKeyCredentials() {
    }

    /** The presented key (possibly blank, which no configured key matches), or empty when none was sent. */
    static Optional<String> presented(HttpServerRequest request) {
        String key = request.getHeader(HEADER);
        if (key != null) {
            return Optional.of(key);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).strip());
        }
        return Optional.empty();
    }
}
