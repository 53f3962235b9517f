package dev.stt.worker.webhooks;

import java.util.UUID;

/** A delivery this worker has claimed for one attempt; {@code attempt} counts this one. */
public record DueDelivery(String id, UUID jobId, String url, String payload, int attempt) {
}
