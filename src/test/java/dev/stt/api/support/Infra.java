package dev.stt.api.support;

import dev.stt.api.config.ApiConfig;
import dev.stt.common.stream.WorkStream;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Looks straight into the real PostgreSQL, Redis and S3 the API under test uses. Blocking; test threads only. */
@ApplicationScoped
public class Infra {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Pool db;
    private final RedisDataSource redis;
    private final S3AsyncClient s3;
    private final String bucket;

    public Infra(Pool db, RedisDataSource redis, S3AsyncClient s3, ApiConfig config) {
        this.db = db;
        this.redis = redis;
        this.s3 = s3;
        this.bucket = config.s3().bucket();
    }

    public long countJobs() {
        return db.query("SELECT count(*) AS n FROM jobs").execute().await().atMost(WAIT).iterator().next().getLong("n");
    }

    public Row jobRow(UUID id) {
        var rows = db.preparedQuery("SELECT * FROM jobs WHERE id = $1").execute(Tuple.of(id)).await().atMost(WAIT);
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    public long countEvents(UUID id) {
        return db.preparedQuery("SELECT count(*) AS n FROM job_events WHERE job_id = $1").execute(Tuple.of(id))
                .await().atMost(WAIT).iterator().next().getLong("n");
    }

    /** Adds log lines "line 1" … "line {@code count}", in that order, in one statement. */
    public void addEvents(UUID id, int count) {
        db.preparedQuery("INSERT INTO job_events (job_id, created_at, level, source, message) "
                        + "SELECT $1, now(), 'info', 'test', 'line ' || g FROM generate_series(1, $2) AS g ORDER BY g")
                .execute(Tuple.of(id, count)).await().atMost(WAIT);
    }

    /** A delivery row as a worker leaves it after some attempts. */
    public void recordDelivery(UUID jobId, String state, int attempts, Integer lastStatus, String lastError) {
        db.preparedQuery("INSERT INTO webhook_deliveries (id, job_id, url, event_type, payload, state, attempts, last_status, "
                        + "last_error, next_attempt_at, created_at, updated_at) "
                        + "VALUES ($1, $2, 'http://127.0.0.1:9/hook', 'job.completed', '{}', $3, $4, $5, $6, now(), now(), now())")
                .execute(Tuple.of("msg_" + UUID.randomUUID().toString().replace("-", ""), jobId, state, attempts)
                        .addValue(lastStatus).addValue(lastError))
                .await().atMost(WAIT);
    }

    public void sql(String statement, Object... parameters) {
        db.preparedQuery(statement).execute(Tuple.from(List.of(parameters))).await().atMost(WAIT);
    }

    public long count(String sql, Object... parameters) {
        return db.preparedQuery(sql).execute(Tuple.from(List.of(parameters))).await().atMost(WAIT)
                .iterator().next().getLong(0);
    }

    public void markCompleted(UUID id) {
        db.preparedQuery("UPDATE jobs SET status = 'completed', completed_at = now(), updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id)).await().atMost(WAIT);
    }

    /** Stream entries that carry this job. */
    public List<Map<String, String>> streamEntries(UUID id) {
        List<StreamMessage<String, String, String>> all = redis.stream(String.class).xrange(WorkStream.KEY,
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        return all.stream().map(StreamMessage::payload).filter(p -> id.toString().equals(p.get("job_id"))).toList();
    }

    public HeadObjectResponse head(String key) {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(key)).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof NoSuchKeyException
                    || e.getCause() instanceof software.amazon.awssdk.services.s3.model.S3Exception s3e && s3e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }


    public List<String> objectKeys() {
        List<String> keys = new java.util.ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().subscribe(o -> keys.add(o.key())).join();
        return keys;
    }

    public byte[] objectBytes(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
                .join().asByteArray();
    }

    public void putText(String key, String text) {
        s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromString(text, StandardCharsets.UTF_8)).join();
    }
}
