package dev.stt.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.events.EventsConfig;
import dev.stt.common.events.JobEventLog;
import dev.stt.common.events.JobUpdate;
import dev.stt.common.jobs.Job;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The jobs' event streams in Redis ({@link JobEventLog}) as the API reads and writes them: appends for the changes the
 * API itself makes (a client cancels a job), reads for clients that resume with {@code Last-Event-ID} and for
 * catching up after a missed publication.
 */
@ApplicationScoped
public class JobEventStreams {

    private static final Logger LOG = Logger.getLogger(JobEventStreams.class);
    /** Where a stream starts: before its first entry. */
    static final String BEGINNING = "0-0";

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final EventsConfig config;

    public JobEventStreams(ReactiveRedisDataSource redis, ObjectMapper json, EventsConfig config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
    }

    /** Announces a status change the API made (cancel). Never fails: watchers also reconcile with PostgreSQL. */
    public Uni<Void> statusChanged(Job job) {
        JobUpdate update = JobUpdate.of(job);
        String data;
        try {
            data = json.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return redis.execute("EVAL", JobEventLog.APPEND, "1", JobEventLog.streamKey(job.id),
                        Integer.toString(JobEventLog.MAX_LENGTH), Long.toString(config.retention().toMillis()),
                        JobEventLog.STATUS, data, job.id.toString(), JobEventLog.CHANNEL)
                .onFailure().invoke(e -> LOG.warnf("Could not publish the status event of job %s: %s", job.id, e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Entries of the job's stream after {@code afterId} (exclusive), oldest first; empty when the stream is gone. */
    public Uni<List<LiveEvent>> after(UUID jobId, String afterId) {
        return range(jobId, "(" + afterId);
    }

    /** Entries of the job's stream from {@code id} on (inclusive), oldest first. */
    public Uni<List<LiveEvent>> from(UUID jobId, String id) {
        return range(jobId, id);
    }

    private Uni<List<LiveEvent>> range(UUID jobId, String start) {
        return redis.execute("XRANGE", JobEventLog.streamKey(jobId), start, "+", "COUNT",
                        Integer.toString(JobEventLog.MAX_LENGTH))
                .map(this::events);
    }

    /** The id of the job's newest event; empty when the job has no events (none yet, or they expired). */
    public Uni<Optional<String>> newestId(UUID jobId) {
        return redis.execute("XREVRANGE", JobEventLog.streamKey(jobId), "+", "-", "COUNT", "1")
                .map(reply -> reply == null || reply.size() == 0 ? Optional.<String>empty()
                        : Optional.of(reply.get(0).get(0).toString()));
    }

    /** Whether the job's stream still exists (has not expired). */
    public Uni<Boolean> exists(UUID jobId) {
        return redis.execute("EXISTS", JobEventLog.streamKey(jobId)).map(reply -> reply.toLong() > 0);
    }

    LiveEvent parse(String id, String name, String data) {
        try {
            return new LiveEvent(id, name, json.readValue(data, JobUpdate.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event that is not a job update: " + data, e);
        }
    }

    private List<LiveEvent> events(Response reply) {
        List<LiveEvent> events = new ArrayList<>();
        if (reply == null) {
            return events;
        }
        for (Response entry : reply) {
            String id = entry.get(0).toString();
            Response fields = entry.get(1);
            String name = null;
            String data = null;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String field = fields.get(i).toString();
                if ("event".equals(field)) {
                    name = fields.get(i + 1).toString();
                } else if ("data".equals(field)) {
                    data = fields.get(i + 1).toString();
                }
            }
            if (name != null && data != null) {
                events.add(parse(id, name, data));
            }
        }
        return events;
    }
}
