package dev.stt.worker.maintenance;

import dev.stt.worker.maintenance.MaintenanceStore.Totals;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Deletes completed, failed and cancelled jobs {@code STT_JOB_RETENTION_DAYS} after they finished, files and rows. */
@ApplicationScoped
public class RetentionSweep {

    private static final Logger LOG = Logger.getLogger(RetentionSweep.class);

    private final MaintenanceStore store;
    private final DeletionRunner runner;
    private final MaintenanceConfig config;

    public RetentionSweep(MaintenanceStore store, DeletionRunner runner, MaintenanceConfig config) {
        this.store = store;
        this.runner = runner;
        this.config = config;
    }

    /** @return what was deleted; empty when retention is off */
    public Optional<Totals> sweep(Instant now) {
        if (config.jobRetentionDays() <= 0) {
            return Optional.empty();
        }
        Instant cutoff = now.minus(Duration.ofDays(config.jobRetentionDays()));
        Totals totals = runner.run(store.startRetention(cutoff, now));
        int pruned = store.pruneFinishedDeletions(cutoff);
        LOG.infof("Retention: deleted %d job(s) finished before %s (older than %d day(s)), %d object(s) in %d batch(es);"
                        + " %d old deletion record(s) pruned", totals.jobsDeleted(), cutoff, config.jobRetentionDays(),
                totals.objectsDeleted(), totals.batches(), pruned);
        return Optional.of(totals);
    }
}
