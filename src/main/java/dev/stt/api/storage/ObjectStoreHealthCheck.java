package dev.stt.api.storage;

import dev.stt.api.health.DependencyProbe;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
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
        return DependencyProbe.probe("s3", store.checkBucket(), Map.of("bucket", store.bucket()));
    }
}
