package dev.stt.api.queue;

import dev.stt.api.health.DependencyProbe;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the queue's Redis answers; without it no submission can be accepted. */
@Readiness
@ApplicationScoped
public class QueueHealthCheck implements AsyncHealthCheck {

    private final ReactiveRedisDataSource redis;

    public QueueHealthCheck(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return DependencyProbe.probe("redis", redis.execute("PING"), Map.of());
    }
}
