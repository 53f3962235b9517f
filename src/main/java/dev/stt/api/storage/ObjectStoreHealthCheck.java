package dev.stt.api.storage;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the job bucket answers; PostgreSQL and Redis have their own Quarkus checks. */
@Readiness
@ApplicationScoped
public class ObjectStoreHealthCheck implements AsyncHealthCheck {

    private final ObjectStore store;

    public ObjectStoreHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.checkBucket()
                .ifNoItem().after(Duration.ofSeconds(5)).fail()
                .map(ignored -> HealthCheckResponse.named("s3").up().withData("bucket", store.bucket()).build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("s3").down()
                        .withData("bucket", store.bucket())
                        .withData("error", e.getClass().getSimpleName()).build());
    }
}
