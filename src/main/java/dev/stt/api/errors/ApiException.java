package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;
import java.util.Map;

/**
 * A request the API refuses or cannot serve. Subclasses are thrown where the fact is known;
 * {@link ProblemMapper} renders every one of them the same way.
 */
public abstract class ApiException extends RuntimeException {

    /**
     * Tells OpenAI's SDKs not to retry a refusal they would otherwise retry (they retry 408, 409, 429 and 5xx): set
     * where a retry would upload the file again for nothing.
     */
    public static final String NO_RETRY_HEADER = "x-should-retry";

    private final int status;
    private final String title;
    private final ErrorCode errorCode;

    protected ApiException(int status, String title, ErrorCode errorCode, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String detail() {
        return getMessage();
    }

    /** Response headers the refusal needs besides the problem document, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
