package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** A request field is missing or malformed; the detail names the field. */
public class ValidationException extends ApiException {

    private final String field;

    public ValidationException(String field, String problem) {
        super(400, "Invalid request", ErrorCode.VALIDATION_ERROR, "'" + field + "' " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
