package dev.stt.worker.jobs;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.events.JobUpdate;
import dev.stt.common.jobs.Chunk;
import dev.stt.common.jobs.Job;
import dev.stt.common.jobs.JobEvent;
import dev.stt.common.jobs.JobStatus;
import dev.stt.worker.events.JobEventPublisher;
import dev.stt.worker.webhooks.WebhookOutbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The worker's view of jobs and chunks in PostgreSQL, as blocking calls for worker threads. Every
 * change to a job locks its row first, so concurrent chunk completions of one job count correctly.
 * Once a change of status or progress is committed, it is announced to the API instances ({@link JobEventPublisher}).
 */
@ApplicationScoped
public class JobStore {

    private final WebhookOutbox webhooks;
    private final JobEventPublisher events;

    public JobStore(WebhookOutbox webhooks, JobEventPublisher events) {
        this.webhooks = webhooks;
        this.events = events;
    }

    public Optional<Job> find(UUID jobId) {
        return Optional.ofNullable(Transactions.inSession(() -> Job.<Job>findById(jobId)));
    }

    /** Marks the job as being worked on; empty when it no longer exists or has already ended. */
    public Optional<Job> startProcessing(UUID jobId, String workerId, String requestId) {
        Optional<Job> started = Optional.ofNullable(Transactions.inTransaction(() -> locked(jobId).chain(job -> {
            if (job == null || job.status.isFinal()) {
                return Uni.createFrom().nullItem();
            }
            job.status = JobStatus.PROCESSING;
            job.attempts++;
            job.updatedAt = Instant.now();
            return event(job.id, JobEvent.INFO, workerId, "Processing started (attempt " + job.attempts + ")", requestId)
                    .replaceWith(job);
        })));
        started.ifPresent(job -> events.statusChanged(JobUpdate.of(job)));
        return started;
    }

    /** Records what a job's downloaded audio turned out to be, once it is stored as the job's source. */
    public void recordSource(UUID jobId, long sizeBytes, String contentType, String workerId, String logLine,
            String requestId) {
        Transactions.inTransaction(() -> locked(jobId).chain(job -> {
            if (job == null) {
                return Uni.createFrom().voidItem();
            }
            job.sizeBytes = sizeBytes;
            job.contentType = contentType;
            job.updatedAt = Instant.now();
            return event(jobId, JobEvent.INFO, workerId, logLine, requestId);
        }));
    }

    /**
     * Stores the chunk plan once; a repeated split of the same job keeps the first plan. Empty when the job is
     * gone or has ended (cancelled, being deleted): its chunks are not wanted any more.
     */
    public List<Chunk> recordChunks(UUID jobId, double durationSeconds, List<Chunk> planned, String workerId,
            String requestId) {
        AtomicReference<Job> planRecorded = new AtomicReference<>();
        List<Chunk> chunks = Transactions.inTransaction(() -> locked(jobId).chain(job -> {
            if (job == null || job.status.isFinal()) {
                return Uni.createFrom().item(List.<Chunk>of());
            }
            if (job.chunksTotal != null) {
                return chunksOf(jobId);
            }
            job.durationSeconds = durationSeconds;
            job.chunksTotal = planned.size();
            job.updatedAt = Instant.now();
            planRecorded.set(job);
            String line = String.format("Audio is %.1f s long; split into %d chunk(s)", durationSeconds, planned.size());
            return Chunk.persist(planned)
                    .call(() -> event(jobId, JobEvent.INFO, workerId, line, requestId))
                    .replaceWith(planned);
        }));
        announce(planRecorded, events::progressed);
        return chunks;
    }

    public List<Chunk> chunks(UUID jobId) {
        return Transactions.inSession(() -> chunksOf(jobId));
    }

    public Optional<Chunk> findChunk(UUID jobId, int chunkIndex) {
        return Optional.ofNullable(Transactions.inSession(() -> Chunk.<Chunk>find(
                "jobId = ?1 and chunkIndex = ?2", jobId, chunkIndex).firstResult()));
    }

    /**
     * Stores a chunk's result and counts it, unless a delivery of the same chunk already did.
     * Empty when the job or the chunk no longer exists, or the job has ended (a cancelled job takes no more chunks).
     */
    public Optional<ChunkCompletion> completeChunk(UUID jobId, int chunkIndex, String resultJson, String provider,
            String workerId, String logLine, String requestId) {
        AtomicReference<Job> counted = new AtomicReference<>();
        Optional<ChunkCompletion> completion = Optional.ofNullable(Transactions.inTransaction(() -> locked(jobId).chain(job -> job == null || job.status.isFinal()
                ? Uni.createFrom().<ChunkCompletion>nullItem()
                : Chunk.<Chunk>find("jobId = ?1 and chunkIndex = ?2", jobId, chunkIndex).firstResult().chain(chunk -> {
                    if (chunk == null) {
                        return Uni.createFrom().<ChunkCompletion>nullItem();
                    }
                    int total = job.chunksTotal == null ? 0 : job.chunksTotal;
                    if (chunk.isDone()) {
                        return Uni.createFrom().item(new ChunkCompletion(false, job.chunksDone, total));
                    }
                    chunk.status = Chunk.DONE;
                    chunk.result = resultJson;
                    chunk.provider = provider;
                    chunk.workerId = workerId;
                    chunk.completedAt = Instant.now();
                    job.chunksDone++;
                    job.updatedAt = chunk.completedAt;
                    counted.set(job);
                    return event(jobId, JobEvent.INFO, workerId, logLine, requestId)
                            .replaceWith(new ChunkCompletion(true, job.chunksDone, total));
                }))));
        announce(counted, events::progressed);
        return completion;
    }

    /** Counts an attempt at a chunk, so repeated failures of one chunk show in its row. */
    public void countChunkAttempt(UUID jobId, int chunkIndex) {
        Transactions.inTransaction(() -> Chunk.update(
                "attempts = attempts + 1 where jobId = ?1 and chunkIndex = ?2", jobId, chunkIndex));
    }

    /**
     * Marks the job completed. False when the job was deleted or cancelled meanwhile: whatever the caller
     * stored for it is not wanted (a job that completed already still wants its transcript).
     */
    public boolean complete(UUID jobId, String providers, String workerId, String logLine, String requestId) {
        AtomicReference<Job> completed = new AtomicReference<>();
        boolean wanted = Transactions.inTransaction(() -> locked(jobId).chain(job -> {
            if (job == null || job.deletionId != null || job.status == JobStatus.CANCELLED) {
                return Uni.createFrom().item(false);
            }
            if (job.status.isFinal()) {
                return Uni.createFrom().item(true);
            }
            job.status = JobStatus.COMPLETED;
            job.provider = providers;
            job.completedAt = Instant.now();
            job.updatedAt = job.completedAt;
            completed.set(job);
            return event(jobId, JobEvent.INFO, workerId, logLine, requestId)
                    .call(() -> webhooks.jobEnded(job))
                    .replaceWith(true);
        }));
        announce(completed, events::statusChanged);
        return wanted;
    }

    /**
     * Ends the job as failed. The user sees {@code userMessage}; {@code detail} (raw error text) goes
     * only to the job's log lines.
     */
    public void fail(UUID jobId, ErrorCode code, String userMessage, String detail, String workerId, String requestId) {
        AtomicReference<Job> failed = new AtomicReference<>();
        Transactions.inTransaction(() -> locked(jobId).chain(job -> {
            if (job == null || job.status.isFinal()) {
                return Uni.createFrom().voidItem();
            }
            failed.set(job);
            job.status = JobStatus.FAILED;
            job.errorCode = code.code();
            job.errorMessage = userMessage;
            job.completedAt = Instant.now();
            job.updatedAt = job.completedAt;
            String line = "Failed (" + code.code() + "): " + userMessage + (detail == null ? "" : " — " + detail);
            return event(jobId, JobEvent.ERROR, workerId, line, requestId)
                    .call(() -> webhooks.jobEnded(job));
        }));
        announce(failed, events::statusChanged);
    }

    public void log(UUID jobId, String level, String workerId, String message, String requestId) {
        Transactions.inTransaction(() -> event(jobId, level, workerId, message, requestId));
    }

    /** Publishes the change a committed transaction made to {@code changed}, if it made one. */
    private static void announce(AtomicReference<Job> changed, Consumer<JobUpdate> publish) {
        Job job = changed.get();
        if (job != null) {
            publish.accept(JobUpdate.of(job));
        }
    }

    private static Uni<Job> locked(UUID jobId) {
        return Job.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Uni<List<Chunk>> chunksOf(UUID jobId) {
        return Chunk.list("jobId = ?1 order by chunkIndex", jobId);
    }

    private static Uni<Void> event(UUID jobId, String level, String source, String message, String requestId) {
        JobEventEcho.echo(jobId, level, source, message, requestId);
        return JobEvent.of(jobId, level, source, message, requestId).persist().replaceWithVoid();
    }
}
