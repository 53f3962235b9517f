package dev.stt.common.webhooks;

import dev.stt.common.jobs.Job;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One webhook to send: queued in the transaction that ends the job (so it is never lost, and never sent for
 * a change that was rolled back), then sent and retried by the workers until delivered or given up.
 * The id is the {@code webhook-id} header, the same on every attempt, so receivers can drop repeats.
 */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    public String id;

    @Column(nullable = false)
    public UUID jobId;

    @Column(nullable = false)
    public String url;

    @Column(nullable = false)
    public String eventType;

    /** The JSON body, fixed when queued. */
    @Column(nullable = false)
    public String payload;

    @Column(nullable = false)
    public String state;

    /** Attempts started so far, counted when a worker claims the delivery. */
    @Column(nullable = false)
    public int attempts;

    /** The HTTP status of the last attempt; {@code null} when it got no response. */
    public Integer lastStatus;

    /** Why the last attempt failed, in a few words. */
    public String lastError;

    @Column(nullable = false)
    public Instant nextAttemptAt;

    @Column(nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public Instant updatedAt;

    public Instant deliveredAt;

    /**
     * The delivery announcing that {@code job} reached its final status; persist it in the transaction that
     * sets that status. {@code transcriptUrl} is where a completed job's transcript is fetched, else {@code null}.
     */
    public static WebhookDelivery forFinishedJob(Job job, String transcriptUrl) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String status = job.status.wireName();
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        delivery.jobId = job.id;
        delivery.url = job.webhookUrl;
        delivery.eventType = "job." + status;
        delivery.payload = new WebhookEvent(delivery.eventType, job.id, status, job.errorCode, transcriptUrl,
                now.toString()).toJson();
        delivery.state = PENDING;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        delivery.updatedAt = now;
        return delivery;
    }
}
