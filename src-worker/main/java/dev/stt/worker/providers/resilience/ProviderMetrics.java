package dev.stt.worker.providers.resilience;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the providers do, for {@code /q/metrics}: {@code stt_provider_calls_seconds{provider,outcome}} (count and time
 * per outcome: {@code success}, an error code, or {@code circuit_open} when not called), {@code stt_provider_retries_total},
 * {@code stt_provider_breaker_state} (0 closed, 1 open, 2 half-open, this worker's view),
 * {@code stt_provider_breaker_transitions_total{state}} and {@code stt_provider_failovers_total}.
 */
@ApplicationScoped
public class ProviderMetrics {

    public static final String CIRCUIT_OPEN = "circuit_open";
    public static final String SUCCESS = "success";

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> breakerStates = new ConcurrentHashMap<>();

    public ProviderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void call(String provider, String outcome, Duration took) {
        Timer.builder("stt.provider.calls")
                .description("Calls to transcription providers, by outcome")
                .tags("provider", provider, "outcome", outcome)
                .register(registry)
                .record(took);
    }

    public void retried(String provider) {
        counter("stt.provider.retries", "Retried provider calls", provider).increment();
    }

    public void failedOver(String provider) {
        counter("stt.provider.failovers", "Chunks handed to the next provider after this one failed", provider).increment();
    }

    public void breakerState(String provider, CircuitBreakerState state) {
        breakerGauge(provider).set(state.ordinal());
        Counter.builder("stt.provider.breaker.transitions")
                .description("Circuit breaker state changes on this worker")
                .tags("provider", provider, "state", state.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    /** Registers the breaker gauge at zero (closed) so it shows before the first change. */
    public void breakerCreated(String provider) {
        breakerGauge(provider);
    }

    private AtomicInteger breakerGauge(String provider) {
        return breakerStates.computeIfAbsent(provider,
                name -> registry.gauge("stt.provider.breaker.state", Tags.of("provider", name), new AtomicInteger()));
    }

    private Counter counter(String name, String description, String provider) {
        return Counter.builder(name).description(description).tags("provider", provider).register(registry);
    }
}
