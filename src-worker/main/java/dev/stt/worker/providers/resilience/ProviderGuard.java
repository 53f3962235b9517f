package dev.stt.worker.providers.resilience;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.transcript.Segment;
import dev.stt.worker.providers.ProviderException;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One remote provider's fault tolerance, built with SmallRye Fault Tolerance's programmatic API so every provider gets
 * its own instance and settings: retry (exponential backoff with jitter, Retry-After honoured) around a circuit breaker
 * (opens after {@code breakerFailures} consecutive failures, one probe when half-open) around a per-call timeout around
 * a bulkhead. Only outages count as failures: 429, 5xx, timeouts, refused connections. Bad credentials and bad audio
 * are neither retried nor held against the provider.
 *
 * <p>The breaker is shared through Redis ({@link SharedCircuitBreaker}): when this worker's breaker opens, every
 * worker fails fast until the open delay has passed, and then one call on one worker probes.
 */
public final class ProviderGuard {

    private static final Logger LOG = Logger.getLogger(ProviderGuard.class);
    private static final TypeLiteral<List<Segment>> SEGMENTS = new TypeLiteral<>() {
    };

    private final String provider;
    private final ResilienceConfig config;
    private final SharedCircuitBreaker shared;
    private final ProviderMetrics metrics;
    private final Guard guard;

    ProviderGuard(String provider, ResilienceConfig config, SharedCircuitBreaker shared, ProviderMetrics metrics) {
        this.provider = provider;
        this.config = config;
        this.shared = shared;
        this.metrics = metrics;
        metrics.breakerCreated(provider);
        this.guard = Guard.create()
                .withDescription("stt provider " + provider)
                .withRetry()
                    .maxRetries(config.maxRetries())
                    .delay(config.retryDelay().toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(longestRetrying(config).toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS) // RetryBackoff jitters itself, around Retry-After
                    .whenException(this::worthRetrying)
                    .withCustomBackoff()
                        .strategy(() -> new RetryBackoff(config.retryDelay(), config.retryMaxDelay()))
                        .done()
                    .beforeRetry(this::beforeRetry)
                    .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(config.breakerFailures())
                    .failureRatio(1.0)
                    .delay(config.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .when(ProviderGuard::isOutage)
                    .onStateChange(this::onBreakerChange)
                    .done()
                .withTimeout()
                    .duration(config.timeout().toMillis(), ChronoUnit.MILLIS)
                    .done()
                .withBulkhead()
                    .limit(config.bulkhead())
                    .queueSize(config.bulkheadQueue())
                    .enableSynchronousQueueing()
                    .done()
                .build();
    }

    public String provider() {
        return provider;
    }

    /**
     * Runs {@code call} (one attempt at one chunk) under this provider's protection.
     *
     * @throws CircuitOpenException when the breaker is open here or on another worker: the provider was not called
     * @throws ProviderException    when the provider failed, after retries where they made sense
     */
    public List<Segment> call(Supplier<List<Segment>> call) {
        SharedCircuitBreaker.Admission admission;
        try {
            admission = shared.admit();
        } catch (CircuitOpenException e) {
            metrics.call(provider, ProviderMetrics.CIRCUIT_OPEN, Duration.ZERO);
            throw e;
        }
        try {
            return guard.call(() -> attempt(admission, call), SEGMENTS);
        } catch (ProviderException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            metrics.call(provider, ProviderMetrics.CIRCUIT_OPEN, Duration.ZERO);
            throw new CircuitOpenException(provider, config.breakerDelay());
        } catch (TimeoutException e) {
            throw new ProviderException(ErrorCode.TIMEOUT, true, provider + " did not answer within " + config.timeout(), e);
        } catch (BulkheadException e) {
            throw new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, true,
                    provider + ": too many calls already waiting for it on this worker", e);
        } catch (Exception e) {
            throw new ProviderException(ErrorCode.UNKNOWN, true, provider + " call failed: " + e.getMessage(), e);
        } finally {
            shared.release(admission);
        }
    }

    private List<Segment> attempt(SharedCircuitBreaker.Admission admission, Supplier<List<Segment>> call) {
        long started = System.nanoTime();
        try {
            List<Segment> result = call.get();
            metrics.call(provider, ProviderMetrics.SUCCESS, since(started));
            if (admission.probe()) {
                shared.close();
            }
            return result;
        } catch (ProviderException e) {
            metrics.call(provider, e.errorCode().code(), since(started));
            if (admission.probe()) {
                // an outage re-opens the breaker for everyone; any other answer means the provider is back
                if (isOutage(e)) {
                    shared.open();
                } else {
                    shared.close();
                }
            }
            throw e;
        }
    }

    /** What the circuit breaker holds against the provider. */
    static boolean isOutage(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return true;
        }
        return failure instanceof ProviderException provider && provider.retryable()
                && !(provider instanceof CircuitOpenException);
    }

    private boolean worthRetrying(Throwable failure) {
        if (failure instanceof ProviderException provider && provider.retryAfter()
                .filter(wait -> wait.compareTo(config.retryAfterMax()) > 0).isPresent()) {
            // waiting that long would hold a worker thread: the chunk is re-queued for later instead
            return false;
        }
        return isOutage(failure) && !shared.isOpen();
    }

    private void beforeRetry(Throwable failure) {
        metrics.retried(provider);
        LOG.debugf("Retrying %s after: %s", provider, failure.getMessage());
    }

    private void onBreakerChange(CircuitBreakerState state) {
        metrics.breakerState(provider, state);
        switch (state) {
            case OPEN -> shared.open();
            case CLOSED -> shared.close();
            case HALF_OPEN -> LOG.infof("Circuit breaker of %s half-open on this worker", provider);
        }
    }

    /** Every attempt timing out, with the longest waits between them: retrying never stops earlier than that. */
    private static Duration longestRetrying(ResilienceConfig config) {
        Duration longestWait = config.retryMaxDelay().compareTo(config.retryAfterMax()) > 0
                ? config.retryMaxDelay() : config.retryAfterMax();
        return config.timeout().plus(longestWait).multipliedBy(config.maxRetries() + 1L).plusSeconds(1);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
