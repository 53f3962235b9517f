package dev.stt.api.jobs;

import dev.stt.common.jobs.Job;
import dev.stt.common.webhooks.WebhookDelivery;
import java.time.Instant;

/**
 * {@code webhook_status} on the job object: where the job's webhook stands. {@code waiting} until the job ends,
 * then {@code pending} (being sent or retried), {@code delivered} or {@code failed} (given up).
 */
public record WebhookStatus(String state, int attempts, Integer lastStatus, String lastError, Instant nextAttemptAt,
        Instant deliveredAt) {

    static final String WAITING = "waiting";

    /** For a job without a delivery yet: {@code null} when it has no webhook. */
    public static WebhookStatus initial(Job job) {
        return job.webhookUrl == null ? null : new WebhookStatus(WAITING, 0, null, null, null, null);
    }

    static WebhookStatus of(Job job, WebhookDelivery delivery) {
        if (delivery == null) {
            return initial(job);
        }
        Instant next = WebhookDelivery.PENDING.equals(delivery.state) ? delivery.nextAttemptAt : null;
        return new WebhookStatus(delivery.state, delivery.attempts, delivery.lastStatus, delivery.lastError, next,
                delivery.deliveredAt);
    }
}
