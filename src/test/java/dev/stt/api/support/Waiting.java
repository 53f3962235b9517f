package dev.stt.api.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/** Polls with a deadline for what a request in flight is doing. */
public final class Waiting {

    private Waiting() {
    }

    /** The id of a job of {@code key} that is not in {@code known}, once the API has created it. */
    public static UUID newJob(String key, Set<String> known, Duration deadline) {
        long giveUp = System.nanoTime() + deadline.toNanos();
        while (true) {
            List<String> ids = given().header("X-API-Key", key).queryParam("limit", 100)
                    .when().get("/api/v1/jobs")
                    .then().statusCode(200)
                    .extract().jsonPath().getList("jobs.job_id", String.class);
            for (String id : ids) {
                if (!known.contains(id)) {
                    return UUID.fromString(id);
                }
            }
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("no new job of the key within " + deadline);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** The ids of the key's jobs now. */
    public static Set<String> jobsOf(String key) {
        return Set.copyOf(given().header("X-API-Key", key).queryParam("limit", 100)
                .when().get("/api/v1/jobs")
                .then().statusCode(200)
                .extract().jsonPath().getList("jobs.job_id", String.class));
    }
}
