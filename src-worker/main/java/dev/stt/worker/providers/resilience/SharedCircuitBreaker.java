package dev.stt.worker.providers.resilience;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One provider's breaker state as every worker sees it, in Redis. When a worker's own breaker opens it sets
 * {@code open} with a TTL of the open delay, so the other workers fail fast without calling the provider; {@code tripped}
 * outlives it, and once {@code open} has expired the breaker is half-open: the one worker that takes the short-lived
 * {@code probe} key calls the provider, everyone else keeps failing fast. The probe's outcome closes or re-opens it
 * for all. If Redis cannot be reached, each worker falls back to its own breaker (fail open, logged).
 */
public final class SharedCircuitBreaker {

    private static final Logger LOG = Logger.getLogger(SharedCircuitBreaker.class);
    private static final Duration TRIPPED_TTL = Duration.ofDays(1);
    private static final long WARN_EVERY_MILLIS = 60_000;

    /**
     * KEYS: open, tripped, probe. ARGV: owner, probe TTL ms, open delay ms. Returns {state, ms until worth asking again}:
     * while another worker probes, that is the probe's time left, but no more than one open delay.
     */
    private static final String ADMIT = """
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl > 0 then return {'open', ttl} end
            if redis.call('EXISTS', KEYS[2]) == 1 then
              if redis.call('SET', KEYS[3], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'probe', 0} end
              return {'open', math.min(redis.call('PTTL', KEYS[3]), tonumber(ARGV[3]))}
            end
            return {'closed', 0}""";
    /** KEYS: open, tripped, probe. ARGV: owner, open ms, tripped ms. */
    private static final String OPEN = """
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
            redis.call('DEL', KEYS[3])
            return 1""";
    /** KEYS: probe. ARGV: owner. Frees the probe only if it is still ours. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    /** Whether this call may go ahead, and whether it is the half-open breaker's one probe. */
    public record Admission(boolean probe) {
        static final Admission NORMAL = new Admission(false);
        static final Admission PROBE = new Admission(true);
    }

    private final String provider;
    private final RedisDataSource redis;
    private final String owner;
    private final Duration openFor;
    private final Duration probeFor;
    private final String openKey;
    private final String trippedKey;
    private final String probeKey;
    private final AtomicLong lastWarning = new AtomicLong();

    /**
     * @param owner    this worker's id, stored as the keys' value for whoever inspects Redis
     * @param probeFor longest a probe may hold the half-open breaker (a probe on a dead worker must not block the rest)
     */
    public SharedCircuitBreaker(String provider, RedisDataSource redis, String owner, Duration openFor, Duration probeFor) {
        this.provider = provider;
        this.redis = redis;
        this.owner = owner;
        this.openFor = openFor;
        this.probeFor = probeFor;
        String prefix = "stt:breaker:" + provider + ":";
        this.openKey = prefix + "open";
        this.trippedKey = prefix + "tripped";
        this.probeKey = prefix + "probe";
    }

    /**
     * @throws CircuitOpenException when the breaker is open, or half-open with another worker's probe under way
     */
    public Admission admit() {
        Response answer;
        try {
            answer = redis.execute("EVAL", ADMIT, "3", openKey, trippedKey, probeKey, owner,
                    Long.toString(Math.max(1, probeFor.toMillis())), Long.toString(openFor.toMillis()));
        } catch (RuntimeException e) {
            warn("cannot read the shared circuit breaker", e);
            return Admission.NORMAL;
        }
        String state = answer.get(0).toString();
        if ("open".equals(state)) {
            throw new CircuitOpenException(provider, Duration.ofMillis(Math.max(0, answer.get(1).toLong())));
        }
        return "probe".equals(state) ? Admission.PROBE : Admission.NORMAL;
    }

    /** True while the breaker is open (not half-open) for everyone. */
    public boolean isOpen() {
        try {
            Response ttl = redis.execute("PTTL", openKey);
            return ttl != null && ttl.toLong() > 0;
        } catch (RuntimeException e) {
            warn("cannot read the shared circuit breaker", e);
            return false;
        }
    }

    /** Opens the breaker for every worker for the open delay; also ends a probe. */
    public void open() {
        try {
            redis.execute("EVAL", OPEN, "3", openKey, trippedKey, probeKey, owner, Long.toString(openFor.toMillis()),
                    Long.toString(TRIPPED_TTL.toMillis()));
            LOG.warnf("Circuit breaker of %s opened for all workers for %s", provider, openFor);
        } catch (RuntimeException e) {
            warn("cannot open the shared circuit breaker", e);
        }
    }

    /** Closes the breaker for every worker (a probe succeeded, or this worker's breaker closed). */
    public void close() {
        try {
            Response removed = redis.execute("DEL", openKey, trippedKey, probeKey);
            if (removed != null && removed.toLong() > 0) {
                LOG.infof("Circuit breaker of %s closed for all workers", provider);
            }
        } catch (RuntimeException e) {
            warn("cannot close the shared circuit breaker", e);
        }
    }

    /** Gives the probe back if this call held it and neither closed nor re-opened the breaker. */
    public void release(Admission admission) {
        if (!admission.probe()) {
            return;
        }
        try {
            redis.execute("EVAL", RELEASE, "1", probeKey, owner);
        } catch (RuntimeException e) {
            warn("cannot release the circuit breaker probe", e);
        }
    }

    private void warn(String what, RuntimeException e) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("Circuit breaker of %s: %s (%s); each worker uses its own breaker meanwhile", provider, what,
                    e.getMessage());
        }
    }
}
