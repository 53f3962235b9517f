package dev.stt.worker.maintenance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The worker's housekeeping: recovering lost or stuck jobs, running deletions, expiring old jobs. */
@ConfigMapping(prefix = "stt")
public interface MaintenanceConfig {

    /** A job uploaded or processing without progress for this many minutes, and with no work queued, is queued again. */
    @WithDefault("30")
    double staleMinutes();

    /** A stale job that workers already started this often is failed instead of queued again. */
    @WithDefault("3")
    int staleMaxAttempts();

    /** Completed, failed and cancelled jobs are deleted this many days after they finished; 0 keeps them forever. */
    @WithDefault("7")
    int jobRetentionDays();

    /** When the retention sweep runs (Quartz-style cron: second minute hour day month weekday); {@code off} disables it. */
    @WithDefault("0 30 3 * * ?")
    String retentionCron();

    /** Timing of the sweeps. */
    Maintenance maintenance();

    interface Maintenance {
        /** How often stale and never-queued jobs are looked for (first run at start); {@code off} disables it. */
        @WithDefault("1m")
        String every();

        /** How long an uploaded job may be missing from the work stream before it is queued again. */
        @WithDefault("2m")
        Duration reconcileAfter();

        /** How often pending deletions (bulk deletes, interrupted deletes) are worked on; {@code off} disables it. */
        @WithDefault("5s")
        String deletionsEvery();

        /** Jobs removed per deletion batch: one S3 batch delete and one short transaction each. */
        @WithDefault("100")
        int deleteBatch();

        /** A single-job deletion the API started is finished here only after it stood still this long (the API crashed). */
        @WithDefault("1m")
        Duration abandonedAfter();
    }
}
