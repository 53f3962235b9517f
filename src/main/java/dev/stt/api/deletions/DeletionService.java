package dev.stt.api.deletions;

import dev.stt.api.security.Owner;
import dev.stt.api.errors.DeletionNotFoundException;
import dev.stt.common.jobs.Deletion;
import dev.stt.common.jobs.Job;
import dev.stt.common.jobs.JobStatus;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Bulk deletions: the API records the request and answers at once; the workers' deletion sweep removes the
 * matching jobs in bounded batches (files first, then rows) and keeps the counts on the deletion row.
 */
@ApplicationScoped
public class DeletionService {

    /** Deletes the caller's jobs in that status (every status when empty) created up to now. */
    @WithTransaction
    public Uni<DeletionView> start(Owner owner, Optional<JobStatus> status) {
        Deletion deletion = Deletion.start(Deletion.BULK, owner.keyHashForNewRecords(), status.map(JobStatus::wireName).orElse(null), null);
        return deletion.<Deletion>persist().chain(this::view);
    }

    @WithSession
    public Uni<DeletionView> find(String id, Owner owner) {
        Optional<UUID> uuid = parse(id);
        if (uuid.isEmpty()) {
            return Uni.createFrom().failure(new DeletionNotFoundException(id));
        }
        return Deletion.<Deletion>findById(uuid.get())
                .map(d -> d != null && Deletion.BULK.equals(d.kind) && owner.owns(d.ownerKeyHash) ? d : null)
                .onItem().ifNull().failWith(() -> new DeletionNotFoundException(id))
                .chain(this::view);
    }

    private Uni<DeletionView> view(Deletion deletion) {
        if (deletion.isDone()) {
            return Uni.createFrom().item(DeletionView.of(deletion, 0));
        }
        // what this deletion has claimed and not removed yet, plus what it will still claim
        StringBuilder matching = new StringBuilder("deletionId = :deletion or (deletionId is null and createdAt <= :cutoff");
        Parameters parameters = Parameters.with("deletion", deletion.id).and("cutoff", deletion.cutoff);
        if (deletion.ownerKeyHash != null) {
            matching.append(" and ownerKeyHash = :owner");
            parameters.and("owner", deletion.ownerKeyHash);
        }
        if (deletion.statusFilter != null) {
            matching.append(" and status = :status");
            parameters.and("status", JobStatus.fromWireName(deletion.statusFilter).orElseThrow());
        }
        matching.append(")");
        return Job.count(matching.toString(), parameters).map(remaining -> DeletionView.of(deletion, remaining));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
