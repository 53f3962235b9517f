package dev.stt.worker.providers;

import dev.stt.common.errors.ErrorCode;
import java.time.Duration;
import java.util.Optional;

/**
 * A provider could not transcribe a chunk. {@link #retryable()} says whether the same provider may succeed on another
 * attempt (a timeout, a crash under load, a rate limit, an outage) or whether retrying is pointless (bad configuration,
 * bad credentials, bad input). {@link #retryAfter()} is the provider's own word on when to try again, if it gave one.
 */
public class ProviderException extends RuntimeException {

    private final ErrorCode errorCode;
    private final boolean retryable;
    private final Duration retryAfter;

    public ProviderException(ErrorCode errorCode, boolean retryable, String message) {
        this(errorCode, retryable, message, null);
    }

    public ProviderException(ErrorCode errorCode, boolean retryable, String message, Throwable cause) {
        this(errorCode, retryable, message, cause, null);
    }

    public ProviderException(ErrorCode errorCode, boolean retryable, String message, Throwable cause,
            Duration retryAfter) {
        super(message, cause);
        this.errorCode = errorCode;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
