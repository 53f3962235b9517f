package dev.stt.common.errors;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The {@code error_code} values of the API contract, for failed jobs and for rejected requests. */
// Jackson calls code() through reflection when it writes a problem document; native images need it registered.
@RegisterForReflection
public enum ErrorCode {
    // why a job failed
    RATE_LIMITED("rate_limited"),
    TIMEOUT("timeout"),
    INVALID_AUDIO("invalid_audio"),
    AUTH_ERROR("auth_error"),
    PROVIDER_UNAVAILABLE("provider_unavailable"),
    QUOTA_EXCEEDED("quota_exceeded"),
    /** The audio URL could not be fetched: an error status, a refused connection, too many redirects. */
    DOWNLOAD_FAILED("download_failed"),
    /** Also what a request gets for a server fault (500): nothing the client can fix. */
    UNKNOWN("unknown"),
    // why a request was refused
    VALIDATION_ERROR("validation_error"),
    UNSUPPORTED_MEDIA("unsupported_media"),
    PAYLOAD_TOO_LARGE("payload_too_large"),
    URL_BLOCKED("url_blocked"),
    NOT_FOUND("not_found"),
    /** The job exists but has no transcript (yet): 409. */
    JOB_NOT_COMPLETED("job_not_completed"),
    /** The job already completed or failed, so it cannot be cancelled: 409. */
    JOB_FINISHED("job_finished"),
    /** A dependency (database, queue, storage) did not answer: 503. */
    SERVICE_UNAVAILABLE("service_unavailable"),
    /** The API sheds load it has no room for (upload spool full, queues of waiting requests): 503 with Retry-After. */
    OVERLOADED("overloaded"),
    /** An {@code Idempotency-Key} already used by this API key with a different request body: 422. */
    IDEMPOTENCY_MISMATCH("idempotency_mismatch"),
    /** The job was cancelled before it could finish (the OpenAI-compatible endpoint, which waits for it): 409. */
    JOB_CANCELLED("job_cancelled");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
