package dev.stt.worker.providers.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.errors.ErrorCode;
import dev.stt.worker.providers.ProviderException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HttpFailuresTest {

    private static final String KEY = "sk-proj-abcdef123456";

    @ParameterizedTest(name = "{0} {1} -> {2}, retryable {3}")
    @CsvSource(delimiter = '|', value = {
            "401 | {\"error\":{\"message\":\"Incorrect API key\"}}         | auth_error           | false",
            "403 | {\"error\":{\"status\":\"PERMISSION_DENIED\"}}          | auth_error           | false",
            "400 | {\"error\":{\"details\":[{\"reason\":\"API_KEY_INVALID\"}]}} | auth_error     | false",
            "402 | payment required                                      | quota_exceeded       | false",
            "429 | {\"error\":{\"code\":\"insufficient_quota\"}}          | quota_exceeded       | false",
            "429 | {\"error\":{\"message\":\"Rate limit reached\"}}       | rate_limited         | true",
            "408 | request timeout                                       | timeout              | true",
            "504 | gateway timeout                                       | timeout              | true",
            "413 | too large                                             | invalid_audio        | false",
            "400 | {\"error\":{\"message\":\"Invalid file format.\"}}     | invalid_audio        | false",
            "415 | unsupported media                                     | invalid_audio        | false",
            "400 | {\"error\":{\"message\":\"Unknown parameter: foo\"}}   | unknown              | false",
            "404 | model not found                                       | provider_unavailable | false",
            "500 | internal error                                        | provider_unavailable | true",
            "502 | bad gateway                                           | provider_unavailable | true",
            "503 | overloaded                                            | provider_unavailable | true",
            "418 | teapot                                                | unknown              | false"})
    void everyStatusMapsToTheContractsCodeAndOnlyPassingFaultsAreRetryable(int status, String body, String code,
            boolean retryable) {
        ProviderException failure = HttpFailures.of("openai", status, headers(Map.of()), body, Optional.of(KEY));

        assertEquals(code, failure.errorCode().code());
        assertEquals(retryable, failure.retryable());
        assertTrue(failure.getMessage().startsWith("openai answered HTTP " + status), failure.getMessage());
    }

    @Test
    void retryAfterIsReadAsSecondsAsAnHttpDateAndFromGooglesRetryDelay() {
        assertEquals(Duration.ofSeconds(7), HttpFailures.of("p", 429, headers(Map.of("Retry-After", "7")), "", Optional.empty())
                .retryAfter().orElseThrow());
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        Duration fromDate = HttpFailures.of("p", 503, headers(Map.of("Retry-After", inTenSeconds)), "", Optional.empty())
                .retryAfter().orElseThrow();
        assertTrue(fromDate.toSeconds() >= 8 && fromDate.toSeconds() <= 10, fromDate.toString());
        assertEquals(Duration.ofMillis(37_500), HttpFailures.of("p", 429, headers(Map.of()),
                "{\"error\":{\"details\":[{\"@type\":\"RetryInfo\",\"retryDelay\": \"37.5s\"}]}}", Optional.empty())
                .retryAfter().orElseThrow());
        assertTrue(HttpFailures.of("p", 429, headers(Map.of("Retry-After", "soon")), "", Optional.empty())
                .retryAfter().isEmpty());
    }

    @Test
    void theKeyNeverAppearsInTheMessageEvenWhenTheAnswerQuotesItOrIsCutOff() {
        String body = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". " + "x".repeat(290)
                + " again " + KEY + "\"}}";

        ProviderException failure = HttpFailures.of("openai", 401, headers(Map.of()), body, Optional.of(KEY));

        assertFalse(failure.getMessage().contains(KEY), failure.getMessage());
        assertFalse(failure.getMessage().contains("sk-proj"), failure.getMessage());
        assertTrue(failure.getMessage().contains("[redacted]"));
        assertEquals(ErrorCode.AUTH_ERROR, failure.errorCode());
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), (a, b) -> true);
    }
}
