package dev.stt.api.security;

import io.vertx.core.http.HttpServerResponse;

/**
 * The outcome of counting one submission, and the {@code RateLimit-*} headers (IETF draft
 * "RateLimit header fields for HTTP") that tell the client where it stands.
 */
public record RateLimitDecision(int limit, long remaining, long resetSeconds, boolean allowed, boolean counted) {

    static RateLimitDecision of(int limit, long hits, long millisLeft) {
        long resetSeconds = Math.max(1, (millisLeft + 999) / 1000);
        return new RateLimitDecision(limit, Math.max(0, limit - hits), resetSeconds, hits <= limit, true);
    }

    /** The store did not answer: let the request through without headers that would be guesses. */
    static RateLimitDecision unknown(int limit) {
        return new RateLimitDecision(limit, limit, 0, true, false);
    }

    void writeHeaders(HttpServerResponse response) {
        if (!counted) {
            return;
        }
        response.putHeader("RateLimit-Limit", Integer.toString(limit));
        response.putHeader("RateLimit-Remaining", Long.toString(remaining));
        response.putHeader("RateLimit-Reset", Long.toString(resetSeconds));
        if (!allowed) {
            response.putHeader("Retry-After", Long.toString(resetSeconds));
        }
    }
}
