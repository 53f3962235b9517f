package dev.stt.worker.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed delivery again: exponential backoff with jitter (so receivers coming back are not hit
 * by every sender at once), unless the receiver said when with {@code Retry-After}.
 */
public final class RetrySchedule {

    private final Duration initial;
    private final Duration max;
    private final Duration maxRetryAfter;

    public RetrySchedule(Duration initial, Duration max, Duration maxRetryAfter) {
        this.initial = initial;
        this.max = max;
        this.maxRetryAfter = maxRetryAfter;
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    public Duration after(int attempt, String retryAfterHeader) {
        Optional<Duration> asked = retryAfter(retryAfterHeader, Instant.now());
        if (asked.isPresent()) {
            return asked.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked.get();
        }
        long base = initial.toMillis() << Math.min(attempt - 1, 30);
        long capped = Math.min(Math.max(base, 0), max.toMillis());
        // "equal jitter": never less than half the step, so attempts still spread out over time
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    /** {@code Retry-After} as seconds or as an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
