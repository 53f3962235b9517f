package dev.stt.api.security;

import dev.stt.api.config.ApiConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Counts submissions per subject in fixed windows kept in Redis (the {@code ratelimit} client, by default the
 * queue's Redis). When Redis does not answer in time the request goes ahead: a limiter outage must not become an
 * API outage. Each such pass is logged and counted ({@code stt_rate_limit_fail_open_total}).
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final String KEY_PREFIX = "stt:ratelimit:";
    // One round trip, atomic: the first hit of a window starts its expiry.
    private static final String COUNT_HIT = """
            local hits = redis.call('INCR', KEYS[1])
            if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {hits, redis.call('PTTL', KEYS[1])}
            """;

    private final ReactiveRedisDataSource redis;
    private final ApiConfig config;
    private final Counter failOpen;

    public RateLimiter(@RedisClientName("ratelimit") ReactiveRedisDataSource redis, ApiConfig config, MeterRegistry metrics) {
        this.redis = redis;
        this.config = config;
        this.failOpen = Counter.builder("stt.rate.limit.fail.open")
                .description("Submissions let through because the rate-limit store did not answer")
                .register(metrics);
    }

    /** Counts one submission by {@code subject}; never fails. */
    public Uni<RateLimitDecision> hit(String subject) {
        long windowMillis = config.rateLimitWindow().toMillis();
        long window = System.currentTimeMillis() / windowMillis;
        String key = KEY_PREFIX + subject + ":" + window;
        return redis.execute("EVAL", COUNT_HIT, "1", key, Long.toString(windowMillis))
                .ifNoItem().after(config.rateLimitTimeout()).fail()
                .map(this::decide)
                .onFailure().recoverWithItem(this::passUncounted);
    }

    private RateLimitDecision decide(Response reply) {
        long hits = reply.get(0).toLong();
        long millisLeft = Math.max(reply.get(1).toLong(), 0);
        return RateLimitDecision.of(config.rateLimitRpm(), hits, millisLeft);
    }

    private RateLimitDecision passUncounted(Throwable e) {
        failOpen.increment();
        LOG.warnf("Rate limit not applied: the rate-limit store did not answer (%s). The request goes ahead.", e.toString());
        return RateLimitDecision.unknown(config.rateLimitRpm());
    }
}
