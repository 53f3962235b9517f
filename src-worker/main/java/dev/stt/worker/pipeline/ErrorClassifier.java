package dev.stt.worker.pipeline;

import dev.stt.common.errors.ErrorCode;
import dev.stt.worker.audio.FfmpegException;
import dev.stt.worker.audio.InvalidAudioException;
import dev.stt.worker.providers.ProviderException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The one place that turns what went wrong into the job's {@code error_code} and a message fit for users.
 * Raw exception text never goes into {@code error_message}; callers put it in the job's log lines.
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

    /** How deep into a chain of causes a known failure is looked for (wrappers such as CompletionException). */
    private static final int MAX_CAUSE_DEPTH = 8;

    /** The table, first match wins; each failure in the cause chain is tried against every row before its cause. */
    private static final List<Function<Throwable, Optional<Classified>>> RULES = List.of(
            failure -> failure instanceof ProviderException provider
                    ? Optional.of(of(provider.errorCode(), provider.retryable()))
                    : Optional.empty(),
            failure -> failure instanceof InvalidAudioException ? Optional.of(of(ErrorCode.INVALID_AUDIO, false)) : Optional.empty(),
            // the same file would take as long again
            failure -> failure instanceof FfmpegException ffmpeg && ffmpeg.timedOut()
                    ? Optional.of(of(ErrorCode.TIMEOUT, false))
                    : Optional.empty(),
            failure -> isAny(failure, org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class,
                    java.util.concurrent.TimeoutException.class, SocketTimeoutException.class, HttpTimeoutException.class)
                    ? Optional.of(of(ErrorCode.TIMEOUT, true))
                    : Optional.empty(),
            failure -> isAny(failure, CircuitBreakerOpenException.class, BulkheadException.class, ConnectException.class,
                    NoRouteToHostException.class, UnknownHostException.class)
                    ? Optional.of(of(ErrorCode.PROVIDER_UNAVAILABLE, true))
                    : Optional.empty());

    public Classified classify(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++, current = current.getCause()) {
            for (Function<Throwable, Optional<Classified>> rule : RULES) {
                Optional<Classified> match = rule.apply(current);
                if (match.isPresent()) {
                    return match.get();
                }
            }
        }
        // storage, database and queue hiccups: another delivery will likely succeed
        return of(ErrorCode.UNKNOWN, true);
    }

    public static String userMessage(ErrorCode code) {
        return MESSAGES.getOrDefault(code, MESSAGES.get(ErrorCode.UNKNOWN));
    }

    private static boolean isAny(Throwable failure, Class<?>... types) {
        for (Class<?> type : types) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    private static Classified of(ErrorCode code, boolean retryable) {
        return new Classified(code, userMessage(code), retryable);
    }
}
