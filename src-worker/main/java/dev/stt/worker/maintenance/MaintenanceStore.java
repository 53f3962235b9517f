package dev.stt.worker.maintenance;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The SQL of the sweeps: set-wise reads and updates over many jobs, in short transactions. Blocking calls. */
@ApplicationScoped
public class MaintenanceStore {

    /** A job that is not finished, as the recovery sweep sees it. */
    public record Unfinished(UUID id, String status, int attempts, String requestId) {
    }

    /** A deletion still to be worked on. */
    public record PendingDeletion(UUID id, String kind, String ownerKeyHash, String statusFilter, UUID jobId, Instant cutoff) {
    }

    public record Totals(int jobsDeleted, long objectsDeleted, int batches) {
    }

    private static final Duration SQL_WAIT = Duration.ofSeconds(60);
    private static final String UNFINISHED = "status IN ('uploaded', 'processing') AND deletion_id IS NULL";

    private final Pool db;

    public MaintenanceStore(Pool db) {
        this.db = db;
    }

    /** Jobs in one of {@code statuses}, not being deleted, unchanged since {@code before}; the longest idle first. */
    public List<Unfinished> unfinishedSince(List<String> statuses, Instant before, int limit) {
        List<Unfinished> jobs = new ArrayList<>();
        query("SELECT id, status, attempts, request_id FROM jobs WHERE status = ANY($1) AND deletion_id IS NULL"
                + " AND updated_at < $2 ORDER BY updated_at LIMIT $3",
                Tuple.of(statuses.toArray(String[]::new), at(before), limit))
                .forEach(row -> jobs.add(new Unfinished(row.getUUID("id"), row.getString("status"),
                        row.getInteger("attempts"), row.getString("request_id"))));
        return jobs;
    }

    /** Marks progress now, only if the job is still unfinished and unchanged since {@code before}: one sweep acts once. */
    public boolean touchIfUnchanged(UUID jobId, Instant before, Instant now) {
        return query("UPDATE jobs SET updated_at = $3 WHERE id = $1 AND updated_at < $2 AND " + UNFINISHED,
                Tuple.of(jobId, at(before), at(now))).rowCount() == 1;
    }

    /** Deletions that nobody works on: bulk and retention ones, and single-job ones the API left standing. */
    public List<PendingDeletion> runnableDeletions(Instant abandonedBefore) {
        List<PendingDeletion> deletions = new ArrayList<>();
        query("SELECT id, kind, owner_key_hash, status_filter, job_id, cutoff FROM deletions WHERE state = 'running'"
                + " AND (kind <> 'job' OR updated_at < $1) ORDER BY created_at", Tuple.of(at(abandonedBefore)))
                .forEach(row -> deletions.add(pendingDeletion(row)));
        return deletions;
    }

    public PendingDeletion startRetention(Instant cutoff, Instant now) {
        UUID id = UUID.randomUUID();
        query("INSERT INTO deletions (id, kind, cutoff, state, created_at, updated_at) VALUES ($1, 'retention', $2, 'running', $3, $3)",
                Tuple.of(id, at(cutoff), at(now)));
        return new PendingDeletion(id, "retention", null, null, null, cutoff);
    }

    /**
     * The next batch of the deletion's jobs: first the ones it claimed before and did not finish (a crash), else
     * newly claimed ones — cancelled if they were running, and hidden from clients from now on.
     */
    public List<UUID> claimBatch(PendingDeletion deletion, int size) {
        return db.withTransaction(tx -> execute(tx, "SELECT id FROM jobs WHERE deletion_id = $1 LIMIT $2", Tuple.of(deletion.id(), size))
                .chain(claimed -> claimed.size() > 0 ? Uni.createFrom().item(claimed) : claimNew(tx, deletion, size))
                .map(MaintenanceStore::ids))
                .await().atMost(SQL_WAIT);
    }

    /** The batch's files are gone: its rows go now (chunks and log lines cascade), and the counts grow. */
    public void finishBatch(UUID deletionId, List<UUID> jobIds, long objectsDeleted) {
        db.withTransaction(tx -> execute(tx, "DELETE FROM jobs WHERE deletion_id = $1 AND id = ANY($2)",
                        Tuple.of(deletionId, jobIds.toArray(UUID[]::new)))
                .chain(deleted -> execute(tx, "UPDATE deletions SET jobs_deleted = jobs_deleted + $2, objects_deleted = objects_deleted + $3,"
                        + " batches = batches + 1, updated_at = now() WHERE id = $1",
                        Tuple.of(deletionId, deleted.rowCount(), objectsDeleted))))
                .await().atMost(SQL_WAIT);
    }

    public Totals finish(UUID deletionId) {
        Row row = query("UPDATE deletions SET state = 'done', finished_at = now(), updated_at = now() WHERE id = $1"
                + " RETURNING jobs_deleted, objects_deleted, batches", Tuple.of(deletionId)).iterator().next();
        return new Totals(row.getInteger("jobs_deleted"), row.getLong("objects_deleted"), row.getInteger("batches"));
    }

    /** Finished deletion records older than {@code before}: their counts have served their purpose. */
    public int pruneFinishedDeletions(Instant before) {
        return query("DELETE FROM deletions d WHERE state = 'done' AND finished_at < $1"
                + " AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.deletion_id = d.id)", Tuple.of(at(before))).rowCount();
    }

    private static Uni<RowSet<Row>> claimNew(SqlClient tx, PendingDeletion deletion, int size) {
        List<Object> parameters = new ArrayList<>(List.of(deletion.id(), size));
        String matching = switch (deletion.kind()) {
            case "job" -> {
                parameters.add(deletion.jobId());
                yield "id = $3";
            }
            case "retention" -> {
                parameters.add(at(deletion.cutoff()));
                yield "status IN ('completed', 'failed', 'cancelled') AND coalesce(completed_at, updated_at) < $3";
            }
            default -> {
                parameters.add(at(deletion.cutoff()));
                StringBuilder bulk = new StringBuilder("created_at <= $3");
                if (deletion.ownerKeyHash() != null) {
                    parameters.add(deletion.ownerKeyHash());
                    bulk.append(" AND owner_key_hash = $").append(parameters.size());
                }
                if (deletion.statusFilter() != null) {
                    parameters.add(deletion.statusFilter());
                    bulk.append(" AND status = $").append(parameters.size());
                }
                yield bulk.toString();
            }
        };
        return execute(tx, "UPDATE jobs SET deletion_id = $1,"
                + " status = CASE WHEN status IN ('uploaded', 'processing') THEN 'cancelled' ELSE status END,"
                + " completed_at = CASE WHEN status IN ('uploaded', 'processing') THEN now() ELSE completed_at END,"
                + " updated_at = now()"
                + " WHERE id IN (SELECT id FROM jobs WHERE deletion_id IS NULL AND " + matching
                + " ORDER BY created_at LIMIT $2 FOR UPDATE) RETURNING id", Tuple.from(parameters));
    }

    private static PendingDeletion pendingDeletion(Row row) {
        OffsetDateTime cutoff = row.getOffsetDateTime("cutoff");
        return new PendingDeletion(row.getUUID("id"), row.getString("kind"), row.getString("owner_key_hash"),
                row.getString("status_filter"), row.getUUID("job_id"), cutoff.toInstant());
    }

    private static List<UUID> ids(RowSet<Row> rows) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID("id")));
        return ids;
    }

    private RowSet<Row> query(String sql, Tuple parameters) {
        return db.preparedQuery(sql).execute(parameters).await().atMost(SQL_WAIT);
    }

    private static Uni<RowSet<Row>> execute(SqlClient client, String sql, Tuple parameters) {
        return client.preparedQuery(sql).execute(parameters);
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
