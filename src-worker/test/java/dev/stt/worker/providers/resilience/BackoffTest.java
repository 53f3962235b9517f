package dev.stt.worker.providers.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void eachTryWaitsAboutTwiceAsLongWithJitterUpToTheCap() {
        for (int attempt = 0; attempt < 10; attempt++) {
            long base = Math.min(60_000, 1000L << attempt);
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                long delay = Backoff.delay(SECOND, MINUTE, attempt, Optional.empty()).toMillis();
                assertTrue(delay >= base / 2 && delay <= base, "attempt " + attempt + ": " + delay + " ms");
                seen.add(delay);
            }
            assertTrue(seen.size() > 1, "jittered, not fixed");
        }
    }

    @Test
    void neverSoonerThanTheProviderAsked() {
        assertEquals(Duration.ofSeconds(90), Backoff.delay(SECOND, MINUTE, 0, Optional.of(Duration.ofSeconds(90))));
        assertTrue(Backoff.delay(SECOND, MINUTE, 8, Optional.of(Duration.ofMillis(10))).toMillis() >= 30_000);
    }
}
