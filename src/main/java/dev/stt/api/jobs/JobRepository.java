package dev.stt.api.jobs;

import dev.stt.api.security.Owner;
import dev.stt.common.jobs.Job;
import dev.stt.common.jobs.JobStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<Job, UUID> {

    /** A job the owner may see; jobs being deleted are not visible. */
    public Uni<Job> findVisible(UUID id, Owner owner) {
        return findById(id).map(job -> job != null && isVisible(job, owner) ? job : null);
    }

    /** {@link #findVisible}, with the row locked until the transaction ends (workers lock it to count chunks). */
    public Uni<Job> lockVisible(UUID id, Owner owner) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE).map(job -> job != null && isVisible(job, owner) ? job : null);
    }

    /** One page of the owner's jobs, newest first, after the cursor. Fetches one extra row to tell if more exist. */
    public Uni<List<Job>> listNewestFirst(Owner owner, Optional<JobStatus> status, Optional<JobCursor> after, int limit) {
        List<String> conditions = new ArrayList<>();
        conditions.add("deletionId is null");
        Parameters parameters = new Parameters();
        owner.keyHash().ifPresent(hash -> {
            conditions.add("ownerKeyHash = :owner");
            parameters.and("owner", hash);
        });
        status.ifPresent(s -> {
            conditions.add("status = :status");
            parameters.and("status", s);
        });
        after.ifPresent(cursor -> {
            conditions.add("(createdAt < :createdAt or (createdAt = :createdAt and id < :id))");
            parameters.and("createdAt", cursor.createdAt()).and("id", cursor.id());
        });
        String where = "where " + String.join(" and ", conditions) + " ";
        return find("from Job " + where + "order by createdAt desc, id desc", parameters)
                .range(0, limit)
                .list();
    }

    private static boolean isVisible(Job job, Owner owner) {
        return job.deletionId == null && owner.owns(job.ownerKeyHash);
    }
}
