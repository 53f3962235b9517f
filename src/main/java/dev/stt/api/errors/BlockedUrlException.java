package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** A URL field names a destination we will not fetch or call (a private address, a forbidden scheme, ...). */
public class BlockedUrlException extends ApiException {

    public BlockedUrlException(String field, String reason) {
        super(400, "URL refused", ErrorCode.URL_BLOCKED, "'" + field + "' " + reason);
    }
}
