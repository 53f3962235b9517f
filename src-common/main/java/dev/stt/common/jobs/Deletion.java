package dev.stt.common.jobs;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A request to remove jobs with everything they own: one job, a bulk delete, or a retention sweep. The
 * row outlives a crash, so whoever picks it up next carries on where the last batch ended.
 */
@Entity
@Table(name = "deletions")
public class Deletion extends PanacheEntityBase {

    public static final String JOB = "job";
    public static final String BULK = "bulk";
    public static final String RETENTION = "retention";

    public static final String RUNNING = "running";
    public static final String DONE = "done";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String kind;

    public String ownerKeyHash;

    /** Bulk: only jobs in this status (a wire name); {@code null} means every status. */
    public String statusFilter;

    /** Kind {@code job}: the job being deleted. */
    public UUID jobId;

    /** Bulk: jobs created up to here; retention: jobs finished before here. */
    @Column(nullable = false)
    public Instant cutoff;

    @Column(nullable = false)
    public String state;

    @Column(nullable = false)
    public int jobsDeleted;

    @Column(nullable = false)
    public long objectsDeleted;

    @Column(nullable = false)
    public int batches;

    @Column(nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public Instant updatedAt;

    public Instant finishedAt;

    public static Deletion start(String kind, String ownerKeyHash, String statusFilter, UUID jobId) {
        Deletion deletion = new Deletion();
        deletion.id = UUID.randomUUID();
        deletion.kind = kind;
        deletion.ownerKeyHash = ownerKeyHash;
        deletion.statusFilter = statusFilter;
        deletion.jobId = jobId;
        deletion.state = RUNNING;
        deletion.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        deletion.cutoff = deletion.createdAt;
        deletion.updatedAt = deletion.createdAt;
        return deletion;
    }

    public boolean isDone() {
        return DONE.equals(state);
    }
}
