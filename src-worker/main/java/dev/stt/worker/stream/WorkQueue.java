package dev.stt.worker.stream;

import dev.stt.common.stream.WorkItem;
import dev.stt.common.stream.WorkStream;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.PendingMessage;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The work stream as the worker uses it: read as a group consumer, acknowledge, append chunk work. Blocking calls. */
@ApplicationScoped
public class WorkQueue {

    private static final Logger LOG = Logger.getLogger(WorkQueue.class);
    private static final int SCAN_PAGE = 1000;

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

    /**
     * Takes over up to {@code count} entries of any consumer that nobody acknowledged for longer than {@code minIdle}
     * (XAUTOCLAIM, which also forgets pending entries that were deleted from the stream). Each claim counts as a
     * delivery.
     */
    public List<StreamMessage<String, String, String>> claimStale(String consumer, Duration minIdle, int count) {
        return streams.xautoclaim(WorkStream.KEY, WorkStream.GROUP, consumer, minIdle, "0-0", count).getMessages();
    }

    /** How often the entry was delivered so far; 0 when it is no longer pending. */
    public int deliveries(String entryId) {
        List<PendingMessage> pending = streams.xpending(WorkStream.KEY, WorkStream.GROUP,
                StreamRange.of(entryId, entryId), 1);
        return pending.isEmpty() ? 0 : pending.get(0).getDeliveryCount();
    }

    /**
     * Hands an entry back at once, for a worker that stops before finishing it: a copy goes to the end of the
     * stream for any worker to take, and the original is acknowledged (nobody waits for a visibility timeout).
     */
    public void release(StreamMessage<String, String, String> entry) {
        streams.xadd(WorkStream.KEY, entry.payload());
        ack(entry.id());
    }

    /** Parks an entry that failed too often where a human can inspect it, and takes it off the work stream. */
    public void deadLetter(StreamMessage<String, String, String> entry, int deliveries, String reason) {
        Map<String, String> letter = new HashMap<>(entry.payload());
        letter.put("original_id", entry.id());
        letter.put("deliveries", Integer.toString(deliveries));
        letter.put("reason", reason);
        streams.xadd(WorkStream.DEAD_LETTER_KEY, letter);
        ack(entry.id());
    }

    /**
     * Done with the entry: acknowledged, then deleted, so the stream holds only work not yet done (its length is
     * the backlog, and the reconciler can look for a job's entry in it).
     */
    public void ack(String entryId) {
        streams.xack(WorkStream.KEY, WorkStream.GROUP, entryId);
        streams.xdel(WorkStream.KEY, entryId);
    }

    /** Every job that still has work on the stream (delivered or not), reading it a page at a time. */
    public Set<UUID> jobsWithWork() {
        Set<UUID> jobs = new HashSet<>();
        String from = "-";
        while (true) {
            List<StreamMessage<String, String, String>> page = streams.xrange(WorkStream.KEY, StreamRange.of(from, "+"), SCAN_PAGE);
            for (StreamMessage<String, String, String> entry : page) {
                try {
                    jobs.add(WorkItem.fromFields(entry.payload()).jobId());
                } catch (IllegalArgumentException malformed) {
                    // a malformed entry is dropped by whoever reads it; it names no job
                }
            }
            if (page.size() < SCAN_PAGE) {
                return jobs;
            }
            from = "(" + page.get(page.size() - 1).id();
        }
    }

    public String publish(WorkItem item) {
        return streams.xadd(WorkStream.KEY, item.toFields());
    }
}
