package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;
import java.util.Arrays;
import java.util.Map;

/**
 * A job the client waited for (the OpenAI-compatible endpoint) failed. The status says whose fault it was: the audio's
 * (400, 413), the service's or its providers' (5xx). This is the one table from a failed job's {@code error_code} to an
 * HTTP status.
 */
public class JobFailedException extends ApiException {

    private final String jobId;

    public JobFailedException(String jobId, String errorCode, String errorMessage) {
        this(jobId, code(errorCode), errorMessage);
    }

    private JobFailedException(String jobId, ErrorCode code, String errorMessage) {
        super(statusFor(code), "Transcription failed", code,
                (errorMessage == null || errorMessage.isBlank() ? "The transcription failed." : errorMessage)
                        + " (job " + jobId + ")");
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }

    static int statusFor(ErrorCode code) {
        return switch (code) {
            case INVALID_AUDIO, VALIDATION_ERROR, UNSUPPORTED_MEDIA -> 400;
            case PAYLOAD_TOO_LARGE -> 413;
            // the providers' own limits, quota or outage: the client may retry later
            case RATE_LIMITED, QUOTA_EXCEEDED, PROVIDER_UNAVAILABLE, SERVICE_UNAVAILABLE, OVERLOADED -> 503;
            // a provider refused our credentials: our fault, behind us
            case AUTH_ERROR -> 502;
            default -> 500;
        };
    }

    private static ErrorCode code(String wireName) {
        return Arrays.stream(ErrorCode.values()).filter(c -> c.code().equals(wireName)).findFirst().orElse(ErrorCode.UNKNOWN);
    }

    @Override
    public Map<String, String> headers() {
        // retrying the same upload makes a new job that fails the same way, unless the providers were the problem
        return status() == 503 ? Map.of() : Map.of(NO_RETRY_HEADER, "false");
    }
}
