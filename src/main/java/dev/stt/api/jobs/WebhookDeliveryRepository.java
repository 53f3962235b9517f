package dev.stt.api.jobs;

import dev.stt.common.webhooks.WebhookDelivery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The API only reads deliveries: the workers send them. */
@ApplicationScoped
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, String> {

    /** Each job's latest delivery, in one query for a whole page of jobs. */
    public Uni<Map<UUID, WebhookDelivery>> latestFor(Collection<UUID> jobIds) {
        if (jobIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("jobId in ?1 order by createdAt", List.copyOf(jobIds))
                .map(deliveries -> {
                    Map<UUID, WebhookDelivery> latest = new HashMap<>();
                    deliveries.forEach(d -> latest.put(d.jobId, d));
                    return latest;
                });
    }
}
