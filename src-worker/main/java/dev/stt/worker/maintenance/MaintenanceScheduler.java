package dev.stt.worker.maintenance;

import dev.stt.worker.maintenance.SweepLock.Sweep;
import dev.stt.worker.stream.WorkConsumer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * When the sweeps run. Each runs on one worker at a time (an advisory lock per sweep), only once this worker reads
 * the stream (the schema exists and Redis answers), and a failed run is logged and tried again next time.
 */
@ApplicationScoped
public class MaintenanceScheduler {

    private static final Logger LOG = Logger.getLogger(MaintenanceScheduler.class);

    private final SweepLock lock;
    private final JobRecovery recovery;
    private final DeletionRunner deletions;
    private final RetentionSweep retention;
    private final WorkConsumer consumer;

    public MaintenanceScheduler(SweepLock lock, JobRecovery recovery, DeletionRunner deletions, RetentionSweep retention,
            WorkConsumer consumer) {
        this.lock = lock;
        this.recovery = recovery;
        this.deletions = deletions;
        this.retention = retention;
        this.consumer = consumer;
    }

    @Scheduled(identity = "stt-recovery", every = "${stt.maintenance.every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recoverScheduled() {
        guarded("recovery", () -> recover(Instant.now()));
    }

    @Scheduled(identity = "stt-deletions", every = "${stt.maintenance.deletions-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deletionsScheduled() {
        guarded("deletion", () -> runDeletions(Instant.now()));
    }

    @Scheduled(identity = "stt-retention", cron = "${stt.retention-cron:0 30 3 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retentionScheduled() {
        guarded("retention", () -> expire(Instant.now()));
    }

    /** One recovery sweep as of {@code now}, unless another worker runs one. */
    public boolean recover(Instant now) {
        return lock.runExclusively(Sweep.RECOVERY, () -> {
            JobRecovery.Result result = recovery.sweep(now);
            if (result.requeued() + result.failed() > 0) {
                LOG.infof("Recovery: %d job(s) queued again, %d failed after repeated interruptions", result.requeued(),
                        result.failed());
            }
        });
    }

    public boolean runDeletions(Instant now) {
        return lock.runExclusively(Sweep.DELETIONS, () -> deletions.runPending(now));
    }

    public boolean expire(Instant now) {
        return lock.runExclusively(Sweep.RETENTION, () -> retention.sweep(now));
    }

    private void guarded(String sweep, Runnable run) {
        if (!consumer.isConsuming()) {
            return;
        }
        try {
            run.run();
        } catch (RuntimeException e) {
            LOG.warnf("The %s sweep failed (%s); it runs again at its next time", sweep, e.toString());
        }
    }
}
