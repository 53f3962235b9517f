package dev.stt.api.jobs;

import dev.stt.api.security.Owner;
import dev.stt.api.errors.ServiceUnavailableException;
import dev.stt.api.storage.ObjectStore;
import dev.stt.common.storage.ObjectKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Deletes one job while the client waits: claim it (cancelled if running, hidden at once), remove its files,
 * then its row with its chunks and log lines. Files go before the row, so no visible job ever lacks its files;
 * a crash in between leaves the claimed job to the workers' deletion sweep, which finishes it.
 */
@ApplicationScoped
public class JobDeletion {

    private static final Logger LOG = Logger.getLogger(JobDeletion.class);

    private final JobService jobs;
    private final ObjectStore store;

    public JobDeletion(JobService jobs, ObjectStore store) {
        this.jobs = jobs;
        this.store = store;
    }

    public Uni<Void> delete(String id, Owner owner) {
        return jobs.claimForDeletion(id, owner)
                .chain(deletion -> store.deletePrefix(ObjectKeys.jobPrefix(deletion.jobId))
                        .chain(objects -> jobs.finishDeletion(deletion, objects)
                                .invoke(() -> LOG.infof("Deleted job %s and %d object(s)", deletion.jobId, objects)))
                        .onFailure().transform(e -> new ServiceUnavailableException(
                                "The job is deleted, but removing its files failed for now; they are removed in the background.", e)));
    }
}
