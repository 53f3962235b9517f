package dev.stt.worker.providers.resilience;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How one remote provider is protected; every provider's configuration extends this, so each key exists per provider
 * ({@code STT_OPENAI_TIMEOUT}, {@code STT_GEMINI_BREAKER_DELAY}, ...).
 */
public interface ResilienceConfig {

    /** Longest one call for one chunk may take, upload and answer included; a slower call counts as a failure. */
    @WithDefault("60s")
    Duration timeout();

    /** Further attempts after a failure worth retrying (429, 5xx, timeouts, refused connections); never after 4xx. */
    @WithDefault("2")
    int maxRetries();

    /** Wait before the first retry; it doubles with each further retry, randomised by up to half (jitter). */
    @WithDefault("1s")
    Duration retryDelay();

    /** Longest wait between two retries, unless the provider's Retry-After asks for more. */
    @WithDefault("20s")
    Duration retryMaxDelay();

    /** A Retry-After longer than this is not waited out on a worker thread: the chunk is re-queued instead. */
    @WithDefault("30s")
    Duration retryAfterMax();

    /** Consecutive failed calls after which the circuit breaker opens and calls fail fast on every worker. */
    @WithDefault("5")
    int breakerFailures();

    /** How long an open breaker stays open; then one call (on one worker) probes whether the provider is back. */
    @WithDefault("60s")
    Duration breakerDelay();

    /** Calls to this provider in flight at once from one worker process; further calls wait for a free slot. */
    @WithDefault("4")
    int bulkhead();

    /** Calls that may wait for a bulkhead slot; beyond that a call fails at once (and the chunk is re-queued). */
    @WithDefault("16")
    int bulkheadQueue();

    /** The longest one guarded chunk call can take: every attempt timing out, with the longest waits between them. */
    default Duration longestGuardedCall() {
        Duration longestWait = retryMaxDelay().compareTo(retryAfterMax()) > 0 ? retryMaxDelay() : retryAfterMax();
        return timeout().multipliedBy(maxRetries() + 1L).plus(longestWait.multipliedBy(maxRetries()));
    }
}
