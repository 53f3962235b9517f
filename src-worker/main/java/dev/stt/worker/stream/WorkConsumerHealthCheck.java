package dev.stt.worker.stream;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the consumer reads the work stream (after the schema exists and the group is joined). */
@Readiness
@ApplicationScoped
public class WorkConsumerHealthCheck implements HealthCheck {

    private final WorkConsumer consumer;

    public WorkConsumerHealthCheck(WorkConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("work-stream")
                .status(consumer.isConsuming())
                .withData("consumer", consumer.consumerName())
                .build();
    }
}
