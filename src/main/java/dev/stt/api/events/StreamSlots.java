package dev.stt.api.events;

import dev.stt.api.errors.TooManyStreamsException;
import dev.stt.common.events.EventsConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Counts the event streams each API key holds open, across every API instance: a sorted set per key in Redis whose
 * members are the open streams, scored by when their lease ends. Each heartbeat renews the lease of a live stream; a
 * stream whose instance died simply stops being renewed and no longer counts after {@link #leaseMillis()}.
 */
@ApplicationScoped
public class StreamSlots {

    private static final Logger LOG = Logger.getLogger(StreamSlots.class);
    private static final String KEY_PREFIX = "stt:events:open:";
    /** KEYS[1] the key's set; ARGV: 1 now, 2 lease end, 3 limit, 4 member, 5 lease ms. 1 when taken, 0 when full. */
    private static final String TAKE = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 1
            """;

    /** One open stream's place in its key's count. */
    public record Slot(String key, String member) {
    }

    private final ReactiveRedisDataSource redis;
    private final EventsConfig config;

    public StreamSlots(ReactiveRedisDataSource redis, EventsConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** A place for one more stream of {@code subject}; fails with 429 when the subject holds its limit already. */
    public Uni<Slot> take(String subject) {
        Slot slot = new Slot(KEY_PREFIX + subject, UUID.randomUUID().toString());
        long now = System.currentTimeMillis();
        return redis.execute("EVAL", TAKE, "1", slot.key(), Long.toString(now), Long.toString(now + leaseMillis()),
                        Integer.toString(config.maxStreamsPerKey()), slot.member(), Long.toString(leaseMillis()))
                .map(reply -> {
                    if (reply.toLong() == 0) {
                        throw new TooManyStreamsException(config.maxStreamsPerKey(), config.heartbeat().toSeconds());
                    }
                    return slot;
                });
    }

    /** Keeps a live stream counted for another lease. */
    public void renew(Slot slot) {
        long now = System.currentTimeMillis();
        redis.execute("ZADD", slot.key(), "XX", Long.toString(now + leaseMillis()), slot.member())
                .chain(() -> redis.execute("PEXPIRE", slot.key(), Long.toString(leaseMillis())))
                .subscribe().with(ignored -> {
                }, e -> LOG.debugf("Could not renew stream slot %s: %s", slot, e));
    }

    /** The stream ended: it no longer counts. */
    public void release(Slot slot) {
        redis.execute("ZREM", slot.key(), slot.member())
                .subscribe().with(ignored -> {
                }, e -> LOG.debugf("Could not release stream slot %s (its lease runs out): %s", slot, e));
    }

    /** Three heartbeats: a stream whose instance stopped renewing it stops counting after this. */
    long leaseMillis() {
        return config.heartbeat().toMillis() * 3;
    }
}
