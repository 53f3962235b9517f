package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem document with the contract's two extension members. */
// Jackson writes it from exception mappers and HTTP filters, which Quarkus does not register for native images.
@RegisterForReflection
public record Problem(String type, String title, int status, String detail, ErrorCode errorCode, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail, ErrorCode code, String requestId) {
        return new Problem("about:blank", title, status, detail, code, requestId);
    }

    public static Problem of(ApiException e, String requestId) {
        return of(e.status(), e.title(), e.detail(), e.errorCode(), requestId);
    }
}
