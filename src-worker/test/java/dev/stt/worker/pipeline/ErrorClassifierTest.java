package dev.stt.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.stt.common.errors.ErrorCode;
import dev.stt.worker.audio.FfmpegException;
import dev.stt.worker.audio.InvalidAudioException;
import dev.stt.worker.providers.ProviderException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the classifier's table, and the HTTP status table that provider adapters use. */
class ErrorClassifierTest {

    private static final String SECRET_DETAIL = "/var/lib/stt/job-42/source: sk-live-123 at host 10.0.0.7";

    private final ErrorClassifier classifier = new ErrorClassifier();

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ProviderException(ErrorCode.RATE_LIMITED, true, SECRET_DETAIL), ErrorCode.RATE_LIMITED, true),
                Arguments.of(new ProviderException(ErrorCode.QUOTA_EXCEEDED, false, SECRET_DETAIL), ErrorCode.QUOTA_EXCEEDED, false),
                Arguments.of(new ProviderException(ErrorCode.AUTH_ERROR, false, SECRET_DETAIL), ErrorCode.AUTH_ERROR, false),
                Arguments.of(new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, true, SECRET_DETAIL), ErrorCode.PROVIDER_UNAVAILABLE, true),
                Arguments.of(new ProviderException(ErrorCode.TIMEOUT, true, SECRET_DETAIL), ErrorCode.TIMEOUT, true),
                Arguments.of(new ProviderException(ErrorCode.INVALID_AUDIO, false, SECRET_DETAIL), ErrorCode.INVALID_AUDIO, false),
                Arguments.of(new InvalidAudioException(SECRET_DETAIL), ErrorCode.INVALID_AUDIO, false),
                Arguments.of(new FfmpegException(SECRET_DETAIL, -1, true, "stderr", null), ErrorCode.TIMEOUT, false),
                Arguments.of(new FfmpegException(SECRET_DETAIL, 1, false, "stderr", null), ErrorCode.UNKNOWN, true),
                Arguments.of(new TimeoutException(SECRET_DETAIL), ErrorCode.TIMEOUT, true),
                Arguments.of(new java.util.concurrent.TimeoutException(SECRET_DETAIL), ErrorCode.TIMEOUT, true),
                Arguments.of(new SocketTimeoutException(SECRET_DETAIL), ErrorCode.TIMEOUT, true),
                Arguments.of(new HttpTimeoutException(SECRET_DETAIL), ErrorCode.TIMEOUT, true),
                Arguments.of(new CircuitBreakerOpenException(SECRET_DETAIL), ErrorCode.PROVIDER_UNAVAILABLE, true),
                Arguments.of(new BulkheadException(SECRET_DETAIL), ErrorCode.PROVIDER_UNAVAILABLE, true),
                Arguments.of(new ConnectException(SECRET_DETAIL), ErrorCode.PROVIDER_UNAVAILABLE, true),
                Arguments.of(new NoRouteToHostException(SECRET_DETAIL), ErrorCode.PROVIDER_UNAVAILABLE, true),
                Arguments.of(new UnknownHostException(SECRET_DETAIL), ErrorCode.PROVIDER_UNAVAILABLE, true),
                // wrapped: the known failure is found in the cause chain
                Arguments.of(new CompletionException(new UncheckedIOException(new SocketTimeoutException(SECRET_DETAIL))),
                        ErrorCode.TIMEOUT, true),
                Arguments.of(new RuntimeException(SECRET_DETAIL, new ProviderException(ErrorCode.AUTH_ERROR, false, SECRET_DETAIL)),
                        ErrorCode.AUTH_ERROR, false),
                // storage, database and queue hiccups
                Arguments.of(new IllegalStateException(SECRET_DETAIL), ErrorCode.UNKNOWN, true));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void classifiesEachKnownFailure(Throwable failure, ErrorCode code, boolean retryable) {
        ErrorClassifier.Classified classified = classifier.classify(failure);

        assertEquals(code, classified.code());
        assertEquals(retryable, classified.retryable());
        assertEquals(ErrorClassifier.userMessage(code), classified.userMessage());
        assertFalse(classified.userMessage().contains("sk-live") || classified.userMessage().contains("/var/lib"),
                "raw exception text never reaches the user: " + classified.userMessage());
    }

    @Test
    void everyJobErrorCodeHasItsOwnMessage() {
        Stream.of(ErrorCode.RATE_LIMITED, ErrorCode.TIMEOUT, ErrorCode.INVALID_AUDIO, ErrorCode.AUTH_ERROR,
                        ErrorCode.PROVIDER_UNAVAILABLE, ErrorCode.QUOTA_EXCEEDED)
                .forEach(code -> assertFalse(ErrorClassifier.userMessage(code).equals(ErrorClassifier.userMessage(ErrorCode.UNKNOWN)),
                        code + " has a message of its own"));
    }
}
