package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** A dependency (database, queue, storage) failed; the client may retry later. */
public class ServiceUnavailableException extends ApiException {

    public ServiceUnavailableException(String detail, Throwable cause) {
        super(503, "Service unavailable", ErrorCode.SERVICE_UNAVAILABLE, detail);
        initCause(cause);
    }
}
