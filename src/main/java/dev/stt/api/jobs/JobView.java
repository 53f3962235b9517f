package dev.stt.api.jobs;

import dev.stt.common.jobs.Job;
import java.time.Instant;
import java.util.UUID;

/** The job object of the API contract (snake_case on the wire). */
public record JobView(
        UUID jobId,
        String status,
        String filename,
        String language,
        String provider,
        Double durationSeconds,
        Progress progress,
        String errorCode,
        String errorMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt,
        WebhookStatus webhookStatus) {

    public record Progress(Integer chunksTotal, int chunksDone) {
    }

    public static JobView of(Job job, WebhookStatus webhookStatus) {
        return new JobView(
                job.id,
                job.status.wireName(),
                job.filename,
                job.language,
                job.provider,
                job.durationSeconds,
                new Progress(job.chunksTotal, job.chunksDone),
                job.errorCode,
                job.errorMessage,
                job.createdAt,
                job.updatedAt,
                job.completedAt,
                webhookStatus);
    }
}
