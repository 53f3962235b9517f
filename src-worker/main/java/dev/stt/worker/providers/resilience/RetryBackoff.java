package dev.stt.worker.providers.resilience;

import dev.stt.worker.providers.ProviderException;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.util.Optional;

/** SmallRye's retry waits per {@link Backoff}, honouring the failed attempt's Retry-After. One instance per guarded call. */
final class RetryBackoff implements CustomBackoffStrategy {

    private final Duration initial;
    private final Duration max;
    private int retries;

    RetryBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        Optional<Duration> asked = cause instanceof ProviderException provider ? provider.retryAfter() : Optional.empty();
        return Backoff.delay(initial, max, retries++, asked).toMillis();
    }
}
