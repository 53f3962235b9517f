package dev.stt.worker.providers.remote;

import dev.stt.common.errors.ErrorCode;
import dev.stt.worker.providers.ProviderException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a provider's error answer into a {@link ProviderException} with the contract's error code. Only what a later
 * attempt can fix is retryable (429, 408, 5xx); bad credentials, bad audio and bad requests are not, and so they never
 * count against the circuit breaker either.
 */
public final class HttpFailures {

    private static final int MAX_DETAIL_CHARS = 300;
    /** Google APIs put the wait in the body ({@code "retryDelay": "37s"}) rather than a header. */
    private static final Pattern RETRY_DELAY = Pattern.compile("\"retryDelay\"\\s*:\\s*\"(\\d+(?:\\.\\d+)?)s\"");
    private static final Pattern AUDIO_COMPLAINT = Pattern.compile("(?i)audio|file|decod|format|media|mime|duration");
    private static final Pattern QUOTA = Pattern.compile("(?i)insufficient_quota|billing|credit");
    private static final Pattern BAD_KEY = Pattern.compile("API_KEY_INVALID|API key not valid");

    private HttpFailures() {
    }

    public static ProviderException of(String provider, int status, HttpHeaders headers, String body, Optional<String> key) {
        String detail = provider + " answered HTTP " + status + detailOf(body, key);
        Duration retryAfter = retryAfter(headers, body).orElse(null);
        String text = body == null ? "" : body;
        if (status == 401 || status == 403 || (status == 400 && BAD_KEY.matcher(text).find())) {
            return new ProviderException(ErrorCode.AUTH_ERROR, false, detail);
        }
        if (status == 402 || (status == 429 && QUOTA.matcher(text).find())) {
            return new ProviderException(ErrorCode.QUOTA_EXCEEDED, false, detail);
        }
        if (status == 429) {
            return new ProviderException(ErrorCode.RATE_LIMITED, true, detail, null, retryAfter);
        }
        if (status == 408 || status == 504) {
            return new ProviderException(ErrorCode.TIMEOUT, true, detail, null, retryAfter);
        }
        if (status == 413 || ((status == 400 || status == 415 || status == 422) && AUDIO_COMPLAINT.matcher(text).find())) {
            return new ProviderException(ErrorCode.INVALID_AUDIO, false, detail);
        }
        if (status == 404) {
            return new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, false, detail + " (check the base URL and model)");
        }
        if (status >= 500) {
            return new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, true, detail, null, retryAfter);
        }
        return new ProviderException(ErrorCode.UNKNOWN, false, detail);
    }

    /** {@code Retry-After} as seconds or an HTTP date, else a Google {@code retryDelay} in the body. */
    static Optional<Duration> retryAfter(HttpHeaders headers, String body) {
        Optional<String> header = headers.firstValue("retry-after").map(String::strip);
        if (header.isPresent()) {
            String value = header.get();
            try {
                return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000))).filter(d -> !d.isNegative());
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration wait = Duration.between(Instant.now(), at);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        }
        Matcher delay = RETRY_DELAY.matcher(body == null ? "" : body);
        return delay.find() ? Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(delay.group(1)) * 1000)))
                : Optional.empty();
    }

    private static String detailOf(String body, Optional<String> key) {
        if (body == null || body.isBlank()) {
            return "";
        }
        // redact before cutting: a key cut in half would no longer match
        String oneLine = SecretRedactor.redact(body.strip().replaceAll("\\s+", " "), key);
        return ": " + (oneLine.length() > MAX_DETAIL_CHARS ? oneLine.substring(0, MAX_DETAIL_CHARS) + "…" : oneLine);
    }
}
