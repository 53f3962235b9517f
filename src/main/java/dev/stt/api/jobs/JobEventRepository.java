package dev.stt.api.jobs;

import dev.stt.common.jobs.JobEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class JobEventRepository implements PanacheRepository<JobEvent> {

    /** The job's last {@code limit} lines, oldest first: only that many rows are ever loaded. */
    public Uni<List<JobEvent>> lastLines(UUID jobId, int limit) {
        return find("jobId", Sort.descending("id"), jobId)
                .page(0, limit)
                .list()
                .map(newestFirst -> {
                    List<JobEvent> lines = new ArrayList<>(newestFirst);
                    Collections.reverse(lines);
                    return lines;
                });
    }

    /** Up to {@code size} of the job's lines after the line {@code afterId}, oldest first: one keyset page. */
    public Uni<List<JobEvent>> pageAfter(UUID jobId, long afterId, int size) {
        return find("jobId = ?1 and id > ?2", Sort.ascending("id"), jobId, afterId)
                .page(0, size)
                .list();
    }
}
