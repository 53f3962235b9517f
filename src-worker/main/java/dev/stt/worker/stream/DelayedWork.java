package dev.stt.worker.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.stream.WorkItem;
import dev.stt.common.stream.WorkStream;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Work put off until later: a sorted set in Redis scored by due time, moved back onto the work stream when due. The
 * move is one Lua script, so an entry is never lost between the two nor appended twice by two workers. Putting work
 * off spends none of its stream deliveries, which are kept for real failures.
 */
@ApplicationScoped
public class DelayedWork {

    public static final String KEY = "stt:work:delayed";

    private static final Logger LOG = Logger.getLogger(DelayedWork.class);
    private static final String COUNT_PREFIX = "stt:work:delays:";
    private static final Duration COUNT_TTL = Duration.ofDays(1);
    private static final int RELEASE_BATCH = 100;

    /** KEYS: delayed set, stream. ARGV: now in ms, batch size. Entries are the work item's fields as a JSON object. */
    private static final String RELEASE = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, entry in ipairs(due) do
              local fields = {}
              for name, value in pairs(cjson.decode(entry)) do
                table.insert(fields, name)
                table.insert(fields, value)
              end
              redis.call('XADD', KEYS[2], '*', unpack(fields))
              redis.call('ZREM', KEYS[1], entry)
            end
            return #due""";

    private final RedisDataSource redis;
    private final ObjectMapper json;

    public DelayedWork(RedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** Puts the item back on the work stream after {@code delay}; the same item put off twice is held once. */
    public void schedule(WorkItem item, Duration delay) {
        String entry;
        try {
            // sorted fields: the same item always makes the same entry
            entry = json.writeValueAsString(new TreeMap<>(item.toFields()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        double due = System.currentTimeMillis() + delay.toMillis();
        redis.sortedSet(String.class).zadd(KEY, due, entry);
    }

    /** How often this item has been put off, counting this time; forgotten a day after the last time. */
    public long countDelay(WorkItem item) {
        String key = COUNT_PREFIX + item.jobId() + ":" + item.chunkIndex();
        long times = redis.value(Long.class).incr(key);
        redis.key().expire(key, COUNT_TTL);
        return times;
    }

    @Scheduled(every = "${stt.stream.delayed-poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void releaseDue() {
        try {
            long released = redis.execute("EVAL", RELEASE, "2", KEY, WorkStream.KEY,
                    Long.toString(System.currentTimeMillis()), Integer.toString(RELEASE_BATCH)).toLong();
            if (released > 0) {
                LOG.debugf("Put %d delayed entries back on the work stream", released);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not release delayed work (%s); retrying", e.getMessage());
        }
    }
}
