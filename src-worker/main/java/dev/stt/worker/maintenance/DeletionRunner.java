package dev.stt.worker.maintenance;

import dev.stt.common.storage.ObjectKeys;
import dev.stt.worker.maintenance.MaintenanceStore.PendingDeletion;
import dev.stt.worker.maintenance.MaintenanceStore.Totals;
import dev.stt.worker.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Carries out deletions in bounded batches: claim a batch of jobs (hidden and cancelled from then on), delete their
 * files with batched DeleteObjects, then their rows in one short transaction. Files always go before rows, so a crash
 * leaves claimed jobs with some files — never a visible job without files, nor files without a job — and the next
 * run picks up the claimed batch first.
 */
@ApplicationScoped
public class DeletionRunner {

    private static final Logger LOG = Logger.getLogger(DeletionRunner.class);

    private final MaintenanceStore store;
    private final ObjectStore objects;
    private final MaintenanceConfig config;

    public DeletionRunner(MaintenanceStore store, ObjectStore objects, MaintenanceConfig config) {
        this.store = store;
        this.objects = objects;
        this.config = config;
    }

    /** Works through every deletion nobody else is working on. */
    public void runPending(Instant now) {
        for (PendingDeletion deletion : store.runnableDeletions(now.minus(config.maintenance().abandonedAfter()))) {
            Totals totals = run(deletion);
            LOG.infof("Deletion %s (%s) done: %d job(s), %d object(s), %d batch(es)", deletion.id(), deletion.kind(),
                    totals.jobsDeleted(), totals.objectsDeleted(), totals.batches());
        }
    }

    public Totals run(PendingDeletion deletion) {
        while (true) {
            List<UUID> batch = store.claimBatch(deletion, config.maintenance().deleteBatch());
            if (batch.isEmpty()) {
                return store.finish(deletion.id());
            }
            List<String> keys = objects.keysUnder(batch.stream().map(ObjectKeys::jobPrefix).toList());
            objects.deleteAll(keys);
            store.finishBatch(deletion.id(), batch, keys.size());
        }
    }
}
