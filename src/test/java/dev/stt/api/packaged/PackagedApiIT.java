package dev.stt.api.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The API as it is shipped: the runnable jar Maven packaged (or, with {@code -Dnative}, the native executable),
 * started as its own process against the real PostgreSQL, Redis and S3Proxy, and reached over HTTP only. The
 * worker's packaged test transcribes the chunks; this one checks what the API alone does.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedApiKey.class, restrictToAnnotatedClass = true)
class PackagedApiIT {

    @Test
    void itReportsStartedLiveAndReady() {
        for (String check : new String[] {"started", "live", "ready"}) {
            given().when().get("/q/health/" + check)
                    .then().statusCode(200).body("status", equalTo("UP"));
        }
        given().when().get("/q/health/ready")
                .then().body("checks.name", hasItem("s3")).body("checks.name", hasItem("redis"));
    }

    @Test
    void itAcceptsASubmissionAndQueuesIt() {
        Path clip = SpeechFixtures.clips().get(0);

        String id = given().header("X-API-Key", PackagedApiKey.KEY).multiPart("file", clip.toFile())
                .when().post("/api/v1/transcribe")
                .then().statusCode(202)
                .header("Location", containsString("/api/v1/jobs/"))
                .body("status", equalTo("uploaded"))
                .extract().path("job_id");

        given().header("X-API-Key", PackagedApiKey.KEY).when().get("/api/v1/jobs/" + id)
                .then().statusCode(200)
                .body("job_id", equalTo(id))
                .body("filename", equalTo(clip.getFileName().toString()));
        given().header("X-API-Key", PackagedApiKey.KEY).when().get("/api/v1/jobs/" + id + "/logs")
                .then().statusCode(200)
                .body("lines.message", hasItem(startsWith("Accepted upload '" + clip.getFileName())));
    }

    @Test
    void itRefusesARequestWithoutTheKey() {
        given().multiPart("file", SpeechFixtures.clips().get(0).toFile())
                .when().post("/api/v1/transcribe")
                .then().statusCode(401)
                .contentType(containsString("problem+json"))
                .body("error_code", equalTo("auth_error"));
    }
}
