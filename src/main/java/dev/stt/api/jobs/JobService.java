package dev.stt.api.jobs;

import dev.stt.api.security.Owner;
import dev.stt.api.errors.JobFinishedException;
import dev.stt.api.errors.JobNotFoundException;
import dev.stt.common.jobs.Deletion;
import dev.stt.common.jobs.Job;
import dev.stt.common.jobs.JobEvent;
import dev.stt.common.jobs.JobStatus;
import dev.stt.common.webhooks.WebhookDelivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Jobs as the API reads and writes them, each read and change limited to what the {@link Owner} may reach. */
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
    public Uni<Job> find(String id, Owner owner) {
        return visible(id, uuid -> jobs.findVisible(uuid, owner));
    }

    /**
     * Stops a job: workers take no further chunks of a cancelled job. Cancelling a cancelled job changes nothing;
     * a completed or failed one is refused.
     */
    @WithTransaction
    public Uni<Job> cancel(String id, Owner owner, String requestId) {
        return lockVisible(id, owner)
                .call(job -> {
                    if (job.status == JobStatus.CANCELLED) {
                        return Uni.createFrom().voidItem();
                    }
                    if (job.status.isFinal()) {
                        return Uni.createFrom().failure(new JobFinishedException(job.status));
                    }
                    stop(job);
                    return events.persist(JobEvent.of(job.id, JobEvent.INFO, SOURCE, "Cancelled by the client", requestId))
                            .call(() -> announceCancellation(job));
                });
    }

    /** The job.cancelled webhook, queued in the cancelling transaction so it cannot be lost; workers send it. */
    private static Uni<Void> announceCancellation(Job job) {
        if (job.webhookUrl == null) {
            return Uni.createFrom().voidItem();
        }
        return WebhookDelivery.forFinishedJob(job, null).persist().replaceWithVoid();
    }

    /**
     * First step of deleting one job: a deletion row, and the job claimed by it — cancelled if it was running,
     * hidden from every read from now on — in one transaction.
     */
    @WithTransaction
    public Uni<Deletion> claimForDeletion(String id, Owner owner) {
        return lockVisible(id, owner)
                .chain(job -> {
                    Deletion deletion = Deletion.start(Deletion.JOB, owner.keyHashForNewRecords(), null, job.id);
                    return deletion.<Deletion>persist()
                            .call(() -> {
                                if (!job.status.isFinal()) {
                                    stop(job);
                                }
                                job.deletionId = deletion.id;
                                // the deletion row first: the job's new column refers to it
                                return Panache.flush();
                            });
                });
    }

    /** Last step of deleting one job, once its files are gone: the row (chunks and log lines go with it). */
    @WithTransaction
    public Uni<Void> finishDeletion(Deletion deletion, long objectsDeleted) {
        Instant now = Instant.now();
        return jobs.delete("id = ?1 and deletionId = ?2", deletion.jobId, deletion.id)
                .chain(rows -> Deletion.update("state = ?1, jobsDeleted = ?2, objectsDeleted = ?3, batches = 1, "
                        + "updatedAt = ?4, finishedAt = ?4 where id = ?5",
                        Deletion.DONE, rows.intValue(), objectsDeleted, now, deletion.id))
                .replaceWithVoid();
    }

    private Uni<Job> lockVisible(String id, Owner owner) {
        return visible(id, uuid -> jobs.lockVisible(uuid, owner));
    }

    /** The job the lookup finds for a well-formed id; a 404 for anything else, however malformed. */
    private static Uni<Job> visible(String id, Function<UUID, Uni<Job>> lookup) {
        Optional<UUID> uuid = parse(id);
        if (uuid.isEmpty()) {
            return Uni.createFrom().failure(new JobNotFoundException(id));
        }
        return lookup.apply(uuid.get()).onItem().ifNull().failWith(() -> new JobNotFoundException(id));
    }

    private static void stop(Job job) {
        job.status = JobStatus.CANCELLED;
        job.completedAt = Instant.now();
        job.updatedAt = job.completedAt;
    }

    /** One job the owner may see, as clients see it. */
    @WithSession
    public Uni<JobView> view(String id, Owner owner) {
        return find(id, owner).chain(this::view);
    }

    /** The job object as clients see it, with its webhook's state. */
    @WithSession
    public Uni<JobView> view(Job job) {
        return webhooks.latestFor(List.of(job.id))
                .map(latest -> viewOf(job, latest));
    }

    private static JobView viewOf(Job job, Map<UUID, WebhookDelivery> latestDeliveries) {
        return JobView.of(job, WebhookStatus.of(job, latestDeliveries.get(job.id)));
    }

    @WithSession
    public Uni<JobPage> list(Owner owner, Optional<JobStatus> status, Optional<JobCursor> after, int limit) {
        return jobs.listNewestFirst(owner, status, after, limit + 1)
                .chain(rows -> {
                    List<Job> page = rows.subList(0, Math.min(limit, rows.size()));
                    String next = rows.size() > limit ? cursorAfter(page.get(page.size() - 1)) : null;
                    return webhooks.latestFor(page.stream().map(job -> job.id).toList())
                            .map(latest -> new JobPage(page.stream().map(job -> viewOf(job, latest)).toList(), next));
                });
    }

    @WithSession
    public Uni<JobLogView> logs(String id, Owner owner, int limit) {
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
