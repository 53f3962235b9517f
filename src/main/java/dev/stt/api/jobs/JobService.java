package dev.stt.api.jobs;

import dev.stt.api.errors.JobNotFoundException;
import dev.stt.common.jobs.Job;
import dev.stt.common.jobs.JobEvent;
import dev.stt.common.jobs.JobStatus;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Jobs as the API reads and writes them; {@code owner} is the caller's key hash, {@code null} with auth off. */
@ApplicationScoped
public class JobService {

    public static final String SOURCE = "api";

    private final JobRepository jobs;
    private final JobEventRepository events;
    private final WebhookDeliveryRepository webhooks;

    public JobService(JobRepository jobs, JobEventRepository events, WebhookDeliveryRepository webhooks) {
        this.jobs = jobs;
        this.events = events;
        this.webhooks = webhooks;
    }

    /** Stores a new job with its first log line, in one transaction. */
    @WithTransaction
    public Uni<Job> create(Job job, String logLine) {
        return jobs.persist(job)
                .call(() -> events.persist(JobEvent.of(job.id, JobEvent.INFO, SOURCE, logLine, job.requestId)));
    }

    /** Removes a job that never reached the queue, so a refused request leaves nothing behind. */
    @WithTransaction
    public Uni<Void> forget(UUID id) {
        return jobs.deleteById(id).replaceWithVoid();
    }

    @WithSession
    public Uni<Job> find(String id, String owner) {
        Optional<UUID> uuid = parse(id);
        if (uuid.isEmpty()) {
            return Uni.createFrom().failure(new JobNotFoundException(id));
        }
        return jobs.findVisible(uuid.get(), owner)
                .onItem().ifNull().failWith(() -> new JobNotFoundException(id));
    }

    /** One job the owner may see, as clients see it. */
    @WithSession
    public Uni<JobView> view(String id, String owner) {
        return find(id, owner).chain(this::view);
    }

    /** The job object as clients see it, with its webhook's state. */
    @WithSession
    public Uni<JobView> view(Job job) {
        return webhooks.latestFor(List.of(job.id))
                .map(latest -> JobView.of(job, WebhookStatus.of(job, latest.get(job.id))));
    }

    @WithSession
    public Uni<JobPage> list(String owner, Optional<JobStatus> status, Optional<JobCursor> after, int limit) {
        return jobs.listNewestFirst(owner, status, after, limit + 1)
                .chain(rows -> {
                    List<Job> page = rows.subList(0, Math.min(limit, rows.size()));
                    String next = rows.size() > limit ? cursorAfter(page.get(page.size() - 1)) : null;
                    return webhooks.latestFor(page.stream().map(job -> job.id).toList())
                            .map(latest -> new JobPage(page.stream()
                                    .map(job -> JobView.of(job, WebhookStatus.of(job, latest.get(job.id))))
                                    .toList(), next));
                });
    }

    @WithSession
    public Uni<JobLogView> logs(String id, String owner, int limit) {
        return find(id, owner)
                .chain(job -> events.lastLines(job.id, limit).map(lines -> JobLogView.of(job.id, lines)));
    }

    /** A page of the job's lines after {@code afterId} (0 for the first), oldest first; the job must be visible already. */
    @WithSession
    public Uni<List<JobEvent>> logPage(UUID jobId, long afterId, int size) {
        return events.pageAfter(jobId, afterId, size);
    }

    private static String cursorAfter(Job last) {
        return new JobCursor(last.createdAt, last.id).encode();
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
