package dev.stt.worker.providers.resilience;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: try {@code n} (from 0) waits about {@code initial * 2^n}, capped at {@code max},
 * randomly shortened by up to half so that workers that failed together do not come back together; never shorter
 * than what the provider asked for.
 */
public final class Backoff {

    private Backoff() {
    }

    public static Duration delay(Duration initial, Duration max, long attempt, Optional<Duration> atLeast) {
        long first = Math.max(1, initial.toMillis());
        long base = Math.min(Math.max(first, max.toMillis()), first << Math.min(Math.max(0, attempt), 20));
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return Duration.ofMillis(Math.max(jittered, atLeast.map(Duration::toMillis).orElse(0L)));
    }
}
