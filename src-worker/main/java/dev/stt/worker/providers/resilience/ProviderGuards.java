package dev.stt.worker.providers.resilience;

import dev.stt.worker.config.WorkerIdentity;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Builds each remote provider's {@link ProviderGuard}, with its breaker shared through Redis. */
@ApplicationScoped
public class ProviderGuards {

    /** A probe may outlast its call a little (connection set-up, answer parsing) before another worker may probe. */
    private static final Duration PROBE_SLACK = Duration.ofSeconds(10);

    private final RedisDataSource redis;
    private final ProviderMetrics metrics;
    private final WorkerIdentity identity;

    public ProviderGuards(RedisDataSource redis, ProviderMetrics metrics, WorkerIdentity identity) {
        this.redis = redis;
        this.metrics = metrics;
        this.identity = identity;
    }

    public ProviderGuard create(String provider, ResilienceConfig config) {
        return create(provider, config, identity.id());
    }

    /** @param workerId whose probe it is in Redis; each worker process has its own */
    public ProviderGuard create(String provider, ResilienceConfig config, String workerId) {
        SharedCircuitBreaker shared = new SharedCircuitBreaker(provider, redis, workerId, config.breakerDelay(),
                config.timeout().plus(PROBE_SLACK));
        return new ProviderGuard(provider, config, shared, metrics);
    }
}
