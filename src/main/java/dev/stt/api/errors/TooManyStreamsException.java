package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;
import java.util.Map;

/** The caller already holds as many open event streams as one key may. */
public class TooManyStreamsException extends ApiException {

    private final long retryAfterSeconds;

    public TooManyStreamsException(int limit, long retryAfterSeconds) {
        super(429, "Too Many Requests", ErrorCode.RATE_LIMITED, "At most " + limit
                + " event streams may be open per API key; close one (or let it end) first.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
