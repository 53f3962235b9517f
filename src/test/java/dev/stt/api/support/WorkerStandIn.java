package dev.stt.api.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.events.JobEventLog;
import dev.stt.common.events.JobUpdate;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Does to a job what a worker does (the API module's tests run no worker): changes its row, then announces the change
 * with the same Redis script the worker's publisher runs. {@code silently} leaves the announcement out, as if it had
 * been lost. Blocking; test threads only.
 */
@ApplicationScoped
public class WorkerStandIn {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Pool db;
    private final RedisDataSource redis;
    private final ObjectMapper json;

    public WorkerStandIn(Pool db, RedisDataSource redis, ObjectMapper json) {
        this.db = db;
        this.redis = redis;
        this.json = json;
    }

    public String startProcessing(UUID job) {
        return change(job, "status = 'processing', attempts = attempts + 1", JobEventLog.STATUS, true);
    }

    public String split(UUID job, int chunks) {
        return change(job, "chunks_total = " + chunks, JobEventLog.PROGRESS, true);
    }

    public String chunkDone(UUID job) {
        return change(job, "chunks_done = chunks_done + 1", JobEventLog.PROGRESS, true);
    }

    public String complete(UUID job) {
        return change(job, "status = 'completed', completed_at = now()", JobEventLog.STATUS, true);
    }

    public String fail(UUID job, String errorCode, String message) {
        return change(job, "status = 'failed', completed_at = now(), error_code = '" + errorCode + "', error_message = '"
                + message.replace("'", "''") + "'", JobEventLog.STATUS, true);
    }

    /** Completes the job in PostgreSQL without announcing it: a lost event. */
    public void completeSilently(UUID job) {
        change(job, "status = 'completed', completed_at = now()", JobEventLog.STATUS, false);
    }

    /** @return the event's stream id, or null when nothing was announced */
    private String change(UUID job, String assignments, String event, boolean announce) {
        Row row = db.preparedQuery("UPDATE jobs SET " + assignments + ", updated_at = now() WHERE id = $1 "
                        + "RETURNING id, status, chunks_total, chunks_done, error_code, error_message, updated_at")
                .execute(Tuple.of(job)).await().atMost(WAIT).iterator().next();
        if (!announce) {
            return null;
        }
        OffsetDateTime updated = row.getOffsetDateTime("updated_at");
        JobUpdate update = new JobUpdate(job, row.getString("status"),
                new JobUpdate.Progress(row.getInteger("chunks_total"), row.getInteger("chunks_done")),
                row.getString("error_code"), row.getString("error_message"), updated.toInstant().toString());
        try {
            return redis.execute("EVAL", JobEventLog.APPEND, "1", JobEventLog.streamKey(job),
                    Integer.toString(JobEventLog.MAX_LENGTH), "3600000", event, json.writeValueAsString(update),
                    job.toString(), JobEventLog.CHANNEL).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
