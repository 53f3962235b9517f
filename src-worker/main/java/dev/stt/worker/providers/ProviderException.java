package dev.stt.worker.providers;

import dev.stt.common.errors.ErrorCode;

/**
 * A provider could not transcribe a chunk. {@link #retryable()} says whether the same provider may succeed on another
 * attempt (a timeout, a crash under load) or whether retrying is pointless (bad configuration, bad input).
 */
public class ProviderException extends RuntimeException {

    private final ErrorCode errorCode;
    private final boolean retryable;

    public ProviderException(ErrorCode errorCode, boolean retryable, String message) {
        this(errorCode, retryable, message, null);
    }

    public ProviderException(ErrorCode errorCode, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public boolean retryable() {
        return retryable;
    }
}
