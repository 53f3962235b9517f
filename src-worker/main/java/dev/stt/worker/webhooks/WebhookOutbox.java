package dev.stt.worker.webhooks;

import dev.stt.common.jobs.Job;
import dev.stt.common.jobs.JobStatus;
import dev.stt.common.webhooks.WebhookDelivery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Queues a job's webhook in the transaction that ends the job: the delivery exists exactly when the final
 * status does, and survives any restart. The senders pick it up from there.
 */
@ApplicationScoped
public class WebhookOutbox {

    private final WebhookConfig config;

    public WebhookOutbox(WebhookConfig config) {
        this.config = config;
    }

    /** Call inside the transaction that gives {@code job} its final status. */
    public Uni<Void> jobEnded(Job job) {
        if (job.webhookUrl == null) {
            return Uni.createFrom().voidItem();
        }
        return WebhookDelivery.forFinishedJob(job, transcriptUrl(job)).persist().replaceWithVoid();
    }

    private String transcriptUrl(Job job) {
        if (job.status != JobStatus.COMPLETED) {
            return null;
        }
        String path = "/api/v1/jobs/" + job.id + "/transcript";
        return config.publicUrl().map(base -> base.replaceAll("/+$", "") + path).orElse(path);
    }
}
