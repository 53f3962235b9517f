package dev.stt.api.deletions;

import dev.stt.common.jobs.Deletion;
import java.time.Instant;
import java.util.UUID;

/** A bulk deletion as clients see it ({@code GET /api/v1/deletions/{id}}); {@code status} is running or done. */
public record DeletionView(
        UUID deletionId,
        String status,
        String statusFilter,
        int jobsDeleted,
        long jobsRemaining,
        long objectsDeleted,
        int batches,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    public static DeletionView of(Deletion deletion, long jobsRemaining) {
        return new DeletionView(deletion.id, deletion.state, deletion.statusFilter, deletion.jobsDeleted, jobsRemaining,
                deletion.objectsDeleted, deletion.batches, deletion.createdAt, deletion.updatedAt, deletion.finishedAt);
    }
}
