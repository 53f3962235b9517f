package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** No {@code X-API-Key}, or one that is not configured. The detail never says which keys exist. */
public class AuthenticationException extends ApiException {

    public AuthenticationException(String detail) {
        super(401, "Unauthorized", ErrorCode.AUTH_ERROR, detail);
    }
}
