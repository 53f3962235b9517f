package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** The request cannot be read as what it claims to be: a broken multipart body, an unknown transfer coding. */
public class MalformedRequestException extends ApiException {

    public MalformedRequestException(String detail) {
        super(400, "Bad Request", ErrorCode.VALIDATION_ERROR, detail);
    }
}
