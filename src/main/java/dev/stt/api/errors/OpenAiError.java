package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's error object, {@code {"error": {"message", "type", "param", "code"}}}, which the OpenAI-compatible routes
 * answer with instead of a problem document: OpenAI's SDKs read it into their own error types. This is the one place
 * that maps the API's refusals onto OpenAI's {@code type} and {@code code}.
 */
// Jackson writes it from exception mappers and HTTP filters, which Quarkus does not register for native images.
@RegisterForReflection
public record OpenAiError(Detail error) {

    @RegisterForReflection
    public record Detail(String message, String type, String param, String code) {
    }

    public static OpenAiError of(ApiException e) {
        String param = e instanceof ValidationException invalid ? invalid.field() : null;
        return new OpenAiError(new Detail(e.detail(), type(e.status()), param, code(e.errorCode())));
    }

    /** OpenAI's error types: what kind of refusal, by status. */
    static String type(int status) {
        if (status >= 500) {
            return "server_error";
        }
        if (status == 429) {
            return "requests";
        }
        return "invalid_request_error";
    }

    /** OpenAI's codes where OpenAI has one for the same refusal; the API's own {@code error_code} otherwise. */
    static String code(ErrorCode code) {
        return switch (code) {
            case AUTH_ERROR -> "invalid_api_key";
            case RATE_LIMITED -> "rate_limit_exceeded";
            default -> code.code();
        };
    }
}
