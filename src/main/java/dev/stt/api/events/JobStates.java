package dev.stt.api.events;

import dev.stt.common.events.JobUpdate;
import dev.stt.common.jobs.JobStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads where jobs stand straight from PostgreSQL, for many jobs in one query: what event streams start with, and what
 * each heartbeat compares the watched jobs with. A job claimed by a deletion counts as gone.
 */
@ApplicationScoped
public class JobStates {

    private static final String QUERY = "SELECT id, status, chunks_total, chunks_done, error_code, error_message, updated_at "
            + "FROM jobs WHERE id = ANY($1) AND deletion_id IS NULL";

    private final Pool db;

    public JobStates(Pool db) {
        this.db = db;
    }

    /** The state of each job that still exists; deleted jobs are missing from the map. */
    public Uni<Map<UUID, JobUpdate>> current(Collection<UUID> jobs) {
        if (jobs.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery(QUERY).execute(Tuple.of(jobs.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, JobUpdate> states = new HashMap<>();
                    for (Row row : rows) {
                        JobUpdate update = of(row);
                        states.put(update.jobId(), update);
                    }
                    return states;
                });
    }

    private static JobUpdate of(Row row) {
        OffsetDateTime updated = row.getOffsetDateTime("updated_at");
        return new JobUpdate(row.getUUID("id"), JobStatus.fromWireName(row.getString("status")).orElseThrow().wireName(),
                new JobUpdate.Progress(row.getInteger("chunks_total"), row.getInteger("chunks_done")),
                row.getString("error_code"), row.getString("error_message"),
                updated == null ? null : updated.toInstant().toString());
    }
}
