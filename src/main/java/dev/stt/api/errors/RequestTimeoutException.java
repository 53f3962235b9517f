package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** The client sends its request body too slowly; the connection is closed after this answer. */
public class RequestTimeoutException extends ApiException {

    public RequestTimeoutException(String detail) {
        super(408, "Request Timeout", ErrorCode.TIMEOUT, detail);
    }
}
