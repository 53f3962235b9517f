package dev.stt.worker.pipeline;

import dev.stt.common.errors.ErrorCode;
import dev.stt.worker.audio.FfmpegException;
import dev.stt.worker.audio.InvalidAudioException;
import dev.stt.worker.providers.ProviderException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Turns what went wrong into the job's {@code error_code} and a message fit for users. Raw exception text
 * never goes into {@code error_message}; callers put it in the job's log lines.
 */
@ApplicationScoped
public class ErrorClassifier {

    /** {@code retryable}: worth another delivery, rather than failing the job now. */
    public record Classified(ErrorCode code, String userMessage, boolean retryable) {
    }

    private static final Map<ErrorCode, String> MESSAGES = Map.of(
            ErrorCode.RATE_LIMITED, "The transcription provider is rate limiting requests; please retry later.",
            ErrorCode.TIMEOUT, "Transcription took too long and was stopped.",
            ErrorCode.INVALID_AUDIO, "The file could not be decoded as audio, or it contains no audio track.",
            ErrorCode.AUTH_ERROR, "The transcription provider rejected our credentials; an operator must fix the configuration.",
            ErrorCode.PROVIDER_UNAVAILABLE, "The transcription provider is unavailable; please retry later.",
            ErrorCode.QUOTA_EXCEEDED, "The transcription provider's quota is exhausted; please retry later.",
            ErrorCode.UNKNOWN, "Transcription failed unexpectedly; please resubmit the job.");

    public Classified classify(Throwable failure) {
        if (failure instanceof InvalidAudioException) {
            return of(ErrorCode.INVALID_AUDIO, false);
        }
        if (failure instanceof FfmpegException ffmpeg && ffmpeg.timedOut()) {
            // the same file would take as long again
            return of(ErrorCode.TIMEOUT, false);
        }
        if (failure instanceof ProviderException provider) {
            return of(provider.errorCode(), provider.retryable());
        }
        // storage, database and queue hiccups: another delivery will likely succeed
        return of(ErrorCode.UNKNOWN, true);
    }

    public static String userMessage(ErrorCode code) {
        return MESSAGES.getOrDefault(code, MESSAGES.get(ErrorCode.UNKNOWN));
    }

    private static Classified of(ErrorCode code, boolean retryable) {
        return new Classified(code, userMessage(code), retryable);
    }
}
