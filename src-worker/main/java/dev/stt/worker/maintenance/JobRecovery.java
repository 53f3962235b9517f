package dev.stt.worker.maintenance;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.stream.WorkItem;
import dev.stt.worker.config.WorkerIdentity;
import dev.stt.worker.jobs.JobStore;
import dev.stt.worker.maintenance.MaintenanceStore.Unfinished;
import dev.stt.worker.stream.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Finds jobs that nothing will ever work on again and queues them again. Two cases: a job the API recorded but whose
 * stream entry never arrived or was lost (the database-then-stream write of a submission, a Redis that lost data),
 * found quickly; and any unfinished job with no progress and no work on the stream for {@code STT_STALE_MINUTES},
 * queued again a limited number of times, then failed. Jobs with work on the stream are left to the stream's own
 * redelivery, so a long backlog is never duplicated.
 */
@ApplicationScoped
public class JobRecovery {

    /** What one sweep did. */
    public record Result(int requeued, int failed) {
    }

    static final String GAVE_UP = "Job timed out — interrupted repeatedly; please resubmit.";
    private static final int SWEEP_LIMIT = 500;

    private final MaintenanceStore store;
    private final WorkQueue queue;
    private final JobStore jobs;
    private final MaintenanceConfig config;
    private final String worker;

    public JobRecovery(MaintenanceStore store, WorkQueue queue, JobStore jobs, MaintenanceConfig config, WorkerIdentity identity) {
        this.store = store;
        this.queue = queue;
        this.jobs = jobs;
        this.config = config;
        this.worker = identity.id();
    }

    public Result sweep(Instant now) {
        Instant staleBefore = now.minus(staleAfter());
        Instant unqueuedBefore = now.minus(config.maintenance().reconcileAfter());
        // jobs first, stream second: an entry added after the scan belongs to a job too young to be listed here
        List<Unfinished> stale = store.unfinishedSince(List.of("uploaded", "processing"), staleBefore, SWEEP_LIMIT);
        List<Unfinished> unqueued = store.unfinishedSince(List.of("uploaded"), unqueuedBefore, SWEEP_LIMIT);
        if (stale.isEmpty() && unqueued.isEmpty()) {
            return new Result(0, 0);
        }
        Set<UUID> withWork = queue.jobsWithWork();
        Set<UUID> handled = new HashSet<>();
        int requeued = 0;
        int failed = 0;
        for (Unfinished job : stale) {
            if (withWork.contains(job.id()) || !handled.add(job.id())) {
                continue;
            }
            if (job.attempts() >= config.staleMaxAttempts()) {
                jobs.fail(job.id(), ErrorCode.TIMEOUT, GAVE_UP, String.format("no progress for %s after %d attempt(s)",
                        staleAfter(), job.attempts()), worker, job.requestId());
                failed++;
            } else if (requeue(job, staleBefore, now, String.format("No progress for %s and no work queued; queued again"
                    + " (started %d of at most %d times)", staleAfter(), job.attempts(), config.staleMaxAttempts()))) {
                requeued++;
            }
        }
        for (Unfinished job : unqueued) {
            if (!withWork.contains(job.id()) && handled.add(job.id())
                    && requeue(job, unqueuedBefore, now, "Its work entry was not on the stream; queued again")) {
                requeued++;
            }
        }
        return new Result(requeued, failed);
    }

    private boolean requeue(Unfinished job, Instant unchangedSince, Instant now, String why) {
        if (!store.touchIfUnchanged(job.id(), unchangedSince, now)) {
            return false; // it moved on meanwhile
        }
        queue.publish(WorkItem.split(job.id(), job.requestId()));
        jobs.log(job.id(), "warn", worker, why, job.requestId());
        return true;
    }

    private Duration staleAfter() {
        return Duration.ofMillis(Math.round(config.staleMinutes() * 60_000));
    }
}
