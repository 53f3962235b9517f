package dev.stt.worker.support;

import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.stream.WorkItem;
import dev.stt.common.stream.WorkStream;
import dev.stt.common.transcript.TranscriptFormat;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Submits jobs exactly as the API leaves them (audio in S3, row in PostgreSQL, entry on the stream)
 * and reads back what the worker made of them. Real services throughout; blocking, test threads only.
 */
@ApplicationScoped
public class Jobs {

    private static final Duration SQL_WAIT = Duration.ofSeconds(10);

    private final Pool db;
    private final RedisDataSource redis;
    private final S3Client s3;
    private final String bucket;

    public Jobs(Pool db, RedisDataSource redis, S3Client s3, dev.stt.worker.config.WorkerConfig config) {
        this.db = db;
        this.redis = redis;
        this.s3 = s3;
        this.bucket = config.s3().bucket();
    }

    public UUID submit(Path audio) {
        return submit(RequestBody.fromFile(audio), audio.getFileName().toString());
    }

    public UUID submit(byte[] bytes, String filename) {
        return submit(RequestBody.fromBytes(bytes), filename);
    }

    private UUID submit(RequestBody body, String filename) {
        UUID id = insertJob(filename);
        s3.putObject(b -> b.bucket(bucket).key(ObjectKeys.source(id)), body);
        publish(WorkItem.split(id, "req-" + id));
        return id;
    }

    /** Audio in S3 and a job row, but no stream entry: what a submission leaves when the API dies before queueing it. */
    public UUID submitWithoutEntry(Path audio) {
        UUID id = insertJob(audio.getFileName().toString());
        s3.putObject(b -> b.bucket(bucket).key(ObjectKeys.source(id)), RequestBody.fromFile(audio));
        return id;
    }

    /** A job row as some earlier life left it: status, owner, attempts and times chosen by the test. */
    public UUID insertJob(String status, String owner, int attempts, Instant createdAt, Instant updatedAt, Instant completedAt) {
        UUID id = UUID.randomUUID();
        db.preparedQuery("INSERT INTO jobs (id, status, filename, language, owner_key_hash, request_id, attempts, created_at,"
                        + " updated_at, completed_at) VALUES ($1, $2, 'old.wav', 'en', $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(List.of(id, status, owner == null ? "" : owner, "req-" + id, attempts, at(createdAt),
                        at(updatedAt), completedAt == null ? at(updatedAt) : at(completedAt))))
                .await().atMost(SQL_WAIT);
        if (owner == null) {
            sql("UPDATE jobs SET owner_key_hash = NULL WHERE id = $1", id);
        }
        if (completedAt == null) {
            sql("UPDATE jobs SET completed_at = NULL WHERE id = $1", id);
        }
        return id;
    }

    /** A chunk row, a log line and objects under the job's prefix: everything a deletion must remove. */
    public List<String> addBelongings(UUID id) {
        sql("INSERT INTO chunks (job_id, chunk_index, start_seconds, end_seconds, status, created_at)"
                + " VALUES ($1, 0, 0, 1, 'done', now())", id);
        sql("INSERT INTO job_events (job_id, created_at, level, source, message) VALUES ($1, now(), 'info', 'test', 'hello')", id);
        List<String> keys = List.of(ObjectKeys.source(id), ObjectKeys.chunkAudio(id, 0),
                ObjectKeys.transcript(id, TranscriptFormat.JSON));
        keys.forEach(key -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x")));
        return keys;
    }

    public void deleteObject(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    public long rows(String table, UUID jobId) {
        String column = "jobs".equals(table) ? "id" : "job_id";
        return db.preparedQuery("SELECT count(*) AS n FROM " + table + " WHERE " + column + " = $1").execute(Tuple.of(jobId))
                .await().atMost(SQL_WAIT).iterator().next().getLong("n");
    }

    public Row deletion(UUID id) {
        return db.preparedQuery("SELECT * FROM deletions WHERE id = $1").execute(Tuple.of(id)).await().atMost(SQL_WAIT)
                .iterator().next();
    }

    public void sql(String statement, Object... parameters) {
        db.preparedQuery(statement).execute(Tuple.from(List.of(parameters))).await().atMost(SQL_WAIT);
    }

    public static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A job row without audio or stream entry, for tests that drive the stream themselves. */
    public UUID insertJob(String filename) {
        UUID id = UUID.randomUUID();
        db.preparedQuery("INSERT INTO jobs (id, status, filename, language, request_id, created_at, updated_at) "
                        + "VALUES ($1, 'uploaded', $2, 'en', $3, now(), now())")
                .execute(Tuple.of(id, filename, "req-" + id)).await().atMost(SQL_WAIT);
        return id;
    }

    /** A job submitted by URL, as the API leaves it: row and stream entry, no audio yet. */
    public UUID submitUrl(String audioUrl, String webhookUrl) {
        UUID id = UUID.randomUUID();
        db.preparedQuery("INSERT INTO jobs (id, status, filename, language, request_id, source_url, webhook_url, created_at, updated_at) "
                        + "VALUES ($1, 'uploaded', 'download', 'en', $2, $3, $4, now(), now())")
                .execute(Tuple.of(id, "req-" + id, audioUrl, webhookUrl)).await().atMost(SQL_WAIT);
        publish(WorkItem.split(id, "req-" + id));
        return id;
    }

    /** A job row with a webhook, not queued: for tests that end it themselves. */
    public UUID insertJobWithWebhook(String webhookUrl) {
        UUID id = insertJob("hooked.wav");
        db.preparedQuery("UPDATE jobs SET webhook_url = $2 WHERE id = $1").execute(Tuple.of(id, webhookUrl))
                .await().atMost(SQL_WAIT);
        return id;
    }

    /** The job's webhook deliveries, oldest first. */
    public List<Row> deliveries(UUID jobId) {
        List<Row> result = new ArrayList<>();
        db.preparedQuery("SELECT * FROM webhook_deliveries WHERE job_id = $1 ORDER BY created_at").execute(Tuple.of(jobId))
                .await().atMost(SQL_WAIT).forEach(result::add);
        return result;
    }

    /** Polls the job's only delivery until it matches; returns the last row seen. */
    public Row awaitDelivery(UUID jobId, Predicate<Row> condition, Duration deadline) {
        Instant giveUp = Instant.now().plus(deadline);
        while (true) {
            List<Row> rows = deliveries(jobId);
            if (rows.size() == 1 && condition.test(rows.get(0))) {
                return rows.get(0);
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("delivery of job " + jobId + " did not reach the expected state within " + deadline
                        + "; rows: " + rows.stream().map(Row::toJson).toList() + "; log: " + logLines(jobId));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    public void publish(WorkItem item) {
        redis.stream(String.class).xadd(WorkStream.KEY, item.toFields());
    }

    public Row job(UUID id) {
        RowSet<Row> rows = db.preparedQuery("SELECT * FROM jobs WHERE id = $1").execute(Tuple.of(id)).await().atMost(SQL_WAIT);
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    public List<Row> chunks(UUID id) {
        List<Row> result = new ArrayList<>();
        db.preparedQuery("SELECT * FROM chunks WHERE job_id = $1 ORDER BY chunk_index").execute(Tuple.of(id))
                .await().atMost(SQL_WAIT).forEach(result::add);
        return result;
    }

    public List<String> logLines(UUID id) {
        List<String> result = new ArrayList<>();
        db.preparedQuery("SELECT message FROM job_events WHERE job_id = $1 ORDER BY id").execute(Tuple.of(id))
                .await().atMost(SQL_WAIT).forEach(row -> result.add(row.getString("message")));
        return result;
    }

    public void delete(UUID id) {
        db.preparedQuery("DELETE FROM jobs WHERE id = $1").execute(Tuple.of(id)).await().atMost(SQL_WAIT);
    }

    public String object(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asString(StandardCharsets.UTF_8);
    }

    public boolean objectExists(String key) {
        return !s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().isEmpty();
    }

    /** Delivered to a consumer and not yet acknowledged. */
    public long pendingEntries() {
        return redis.stream(String.class).xpending(WorkStream.KEY, WorkStream.GROUP).getPendingCount();
    }

    /** Not yet delivered to any consumer of the group: entries after the group's last delivered id. */
    public long undeliveredEntries() {
        for (io.vertx.mutiny.redis.client.Response group : redis.execute("XINFO", "GROUPS", WorkStream.KEY)) {
            if (WorkStream.GROUP.equals(group.get("name").toString())) {
                String lastDelivered = group.get("last-delivered-id").toString();
                return redis.stream(String.class).xrange(WorkStream.KEY,
                        io.quarkus.redis.datasource.stream.StreamRange.of("(" + lastDelivered, "+"), 1000).size();
            }
        }
        return Long.MAX_VALUE; // no group yet: the worker has not started reading
    }

    /** Entries on the work stream; acknowledged ones are deleted, so this is the work not done yet. */
    public long streamLength() {
        return redis.stream(String.class).xlen(WorkStream.KEY);
    }

    /** Polls the job until it matches or the deadline passes; returns the last row seen. */
    public Row awaitJob(UUID id, Predicate<Row> condition, Duration deadline) {
        Instant giveUp = Instant.now().plus(deadline);
        Row row = job(id);
        while (row == null || !condition.test(row)) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("job " + id + " did not reach the expected state within " + deadline
                        + "; last seen: " + (row == null ? "gone" : row.toJson()) + "; log: " + logLines(id));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            row = job(id);
        }
        return row;
    }

    public Row awaitFinished(UUID id, Duration deadline) {
        return awaitJob(id, row -> List.of("completed", "failed", "cancelled").contains(row.getString("status")), deadline);
    }

    public static Predicate<Row> status(String wanted) {
        return row -> wanted.equals(row.getString("status"));
    }
}
