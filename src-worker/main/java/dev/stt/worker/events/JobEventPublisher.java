package dev.stt.worker.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.events.EventsConfig;
import dev.stt.common.events.JobEventLog;
import dev.stt.common.events.JobUpdate;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Tells every API instance that a job changed: appends the event to the job's Redis stream and publishes it on the
 * events channel ({@link JobEventLog}). Called after the change is committed, from the worker's own threads
 * (blocking). A failure here never fails the work: the job row is the truth, and the API compares the jobs its
 * clients watch with PostgreSQL at every heartbeat, so a lost event delays a client by one heartbeat at most.
 */
@ApplicationScoped
public class JobEventPublisher {

    private static final Logger LOG = Logger.getLogger(JobEventPublisher.class);

    private final RedisDataSource redis;
    private final ObjectMapper json;
    private final EventsConfig config;

    public JobEventPublisher(RedisDataSource redis, ObjectMapper json, EventsConfig config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
    }

    /** The job's status changed (processing, completed, failed). */
    public void statusChanged(JobUpdate update) {
        publish(JobEventLog.STATUS, update);
    }

    /** A chunk finished, or the job's chunk count became known. */
    public void progressed(JobUpdate update) {
        publish(JobEventLog.PROGRESS, update);
    }

    private void publish(String event, JobUpdate update) {
        try {
            redis.execute("EVAL", JobEventLog.APPEND, "1", JobEventLog.streamKey(update.jobId()),
                    Integer.toString(JobEventLog.MAX_LENGTH), Long.toString(config.retention().toMillis()), event,
                    json.writeValueAsString(update), update.jobId().toString(), JobEventLog.CHANNEL);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Could not publish the %s event of job %s (clients see it at their next heartbeat): %s", event,
                    update.jobId(), e.toString());
        }
    }
}
