package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** An {@code Idempotency-Key} this API key used before, sent again with a different request. */
public class IdempotencyMismatchException extends ApiException {

    public IdempotencyMismatchException() {
        super(422, "Idempotency key reused", ErrorCode.IDEMPOTENCY_MISMATCH,
                "This Idempotency-Key was used with a different request body; use a new key for a new request.");
    }
}
