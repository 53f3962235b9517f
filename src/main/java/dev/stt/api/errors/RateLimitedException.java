package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** The caller used up its submissions for the current window. */
public class RateLimitedException extends ApiException {

    private final long retryAfterSeconds;

    public RateLimitedException(int limit, long retryAfterSeconds) {
        super(429, "Too Many Requests", ErrorCode.RATE_LIMITED,
                "At most " + limit + " submissions are allowed per window; retry in " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
