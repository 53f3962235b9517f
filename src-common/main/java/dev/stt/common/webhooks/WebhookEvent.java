package dev.stt.common.webhooks;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;

/**
 * The body of a webhook: what happened to which job. Serialised once, when the delivery is queued, so every
 * attempt sends the same bytes under the same {@code webhook-id}.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "job_id", "status", "error_code", "transcript_url", "timestamp"})
public record WebhookEvent(String type, UUID jobId, String status, String errorCode, String transcriptUrl,
        String timestamp) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook event always serialises", e);
        }
    }
}
