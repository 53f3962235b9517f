package dev.stt.worker.stream;

import dev.stt.common.stream.WorkItem;
import dev.stt.common.stream.WorkStream;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.PendingMessage;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XPendingArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** The work stream as the worker uses it: read as a group consumer, acknowledge, append chunk work. Blocking calls. */
@ApplicationScoped
public class WorkQueue {

    private static final Logger LOG = Logger.getLogger(WorkQueue.class);

    private final StreamCommands<String, String, String> streams;

    public WorkQueue(RedisDataSource redis) {
        this.streams = redis.stream(String.class);
    }

    /** Creates the consumer group if needed, starting at the stream's beginning so nothing queued earlier is missed. */
    public void ensureGroup() {
        try {
            streams.xgroupCreate(WorkStream.KEY, WorkStream.GROUP, "0", new XGroupCreateArgs().mkstream());
            LOG.infof("Created consumer group %s on %s", WorkStream.GROUP, WorkStream.KEY);
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Entries delivered to this consumer earlier and never acknowledged (it crashed or stopped), after {@code afterId}. */
    public List<StreamMessage<String, String, String>> ownPending(String consumer, String afterId, int count) {
        return streams.xreadgroup(WorkStream.GROUP, consumer, WorkStream.KEY, afterId, new XReadGroupArgs().count(count));
    }

    /** New entries, waiting up to {@code blockFor} for some to arrive. */
    public List<StreamMessage<String, String, String>> next(String consumer, int count, Duration blockFor) {
        return streams.xreadgroup(WorkStream.GROUP, consumer, WorkStream.KEY, ">",
                new XReadGroupArgs().count(count).block(blockFor));
    }

    /** Entries of any consumer that nobody acknowledged for longer than {@code idleFor}. */
    public List<PendingMessage> stalePending(Duration idleFor, int count) {
        return streams.xpending(WorkStream.KEY, WorkStream.GROUP, StreamRange.of("-", "+"), count,
                new XPendingArgs().idle(idleFor));
    }

    /** Takes over a stale entry; empty when another worker took it first or it was deleted from the stream. */
    public List<StreamMessage<String, String, String>> claim(String consumer, String entryId, Duration minIdle) {
        return streams.xclaim(WorkStream.KEY, WorkStream.GROUP, consumer, minIdle, entryId);
    }

    /** Parks an entry that failed too often where a human can inspect it, and takes it off the work stream. */
    public void deadLetter(PendingMessage pending, Map<String, String> fields, String reason) {
        Map<String, String> letter = new HashMap<>(fields);
        letter.put("original_id", pending.getMessageId());
        letter.put("deliveries", Integer.toString(pending.getDeliveryCount()));
        letter.put("reason", reason);
        streams.xadd(WorkStream.DEAD_LETTER_KEY, letter);
        ack(pending.getMessageId());
    }

    public void ack(String entryId) {
        streams.xack(WorkStream.KEY, WorkStream.GROUP, entryId);
    }

    public String publish(WorkItem item) {
        return streams.xadd(WorkStream.KEY, item.toFields());
    }
}
