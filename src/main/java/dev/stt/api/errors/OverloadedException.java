package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;
import java.util.Map;

/** The API deliberately refuses work it has no room for right now; the client should retry after a pause. */
public class OverloadedException extends ApiException {

    private final long retryAfterSeconds;

    public OverloadedException(String detail, long retryAfterSeconds) {
        super(503, "Service Unavailable", ErrorCode.OVERLOADED, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
