package dev.stt.api.health;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** One way to turn "does this dependency answer within 5 s" into a readiness response. */
public final class DependencyProbe {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private DependencyProbe() {
    }

    public static Uni<HealthCheckResponse> probe(String name, Uni<?> check, Map<String, String> data) {
        return check
                .ifNoItem().after(DEADLINE).fail()
                .map(ignored -> with(HealthCheckResponse.named(name).up(), data).build())
                .onFailure().recoverWithItem(e -> with(HealthCheckResponse.named(name).down(), data)
                        .withData("error", e.getClass().getSimpleName()).build());
    }

    private static HealthCheckResponseBuilder with(HealthCheckResponseBuilder builder, Map<String, String> data) {
        data.forEach(builder::withData);
        return builder;
    }
}
