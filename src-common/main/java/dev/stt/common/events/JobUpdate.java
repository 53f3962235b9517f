package dev.stt.common.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.stt.common.jobs.Job;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;

/**
 * What a job event says: where the job stands after the change. Every event carries the whole state (not a delta),
 * so a client that missed one is right again with the next, and the API can rebuild one from the job row.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobUpdate(UUID jobId, String status, Progress progress, String errorCode, String errorMessage,
        String updatedAt) {

    /** Chunks known and finished; {@code chunks_total} is null until the worker has split the audio. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(Integer chunksTotal, int chunksDone) {
    }

    public static JobUpdate of(Job job) {
        return new JobUpdate(job.id, job.status.wireName(), new Progress(job.chunksTotal, job.chunksDone), job.errorCode,
                job.errorMessage, job.updatedAt == null ? null : job.updatedAt.toString());
    }

    /** Whether the job has ended: nothing follows this event. */
    public boolean isFinal() {
        return "completed".equals(status) || "failed".equals(status) || "cancelled".equals(status);
    }
}
