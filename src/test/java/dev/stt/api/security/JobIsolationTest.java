package dev.stt.api.security;

import static dev.stt.api.security.SecuredApiProfile.ALPHA;
import static dev.stt.api.security.SecuredApiProfile.BETA;
import static dev.stt.api.security.SecuredApiProfile.GAMMA;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.stt.api.support.Infra;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.transcript.TranscriptFormat;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A job belongs to the key that created it: every other key is told it does not exist. */
@QuarkusTest
@TestProfile(SecuredApiProfile.class)
class JobIsolationTest {

    private static String alphaJob;

    @Inject
    Infra infra;

    @BeforeEach
    void alphaOwnsACompletedJob() {
        if (alphaJob != null) {
            return;
        }
        alphaJob = given()
                .header("X-API-Key", ALPHA)
                .multiPart("file", SpeechFixtures.clips().get(1).toFile())
                .when().post("/api/v1/transcribe")
                .then().statusCode(202)
                .extract().path("job_id");
        UUID id = UUID.fromString(alphaJob);
        for (TranscriptFormat format : TranscriptFormat.values()) {
            infra.putText(ObjectKeys.transcript(id, format), "{}");
        }
        infra.markCompleted(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/transcript", "/transcript?format=srt", "/logs", "/download-bundle"})
    void anotherKeyGetsNotFoundOnEveryJobRoute(String route) {
        given()
                .header("X-API-Key", BETA)
                .when().get("/api/v1/jobs/" + alphaJob + route)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("error_code", equalTo("not_found"));
        given()
                .header("X-API-Key", ALPHA)
                .when().get("/api/v1/jobs/" + alphaJob + route)
                .then()
                .statusCode(200);
    }

    @Test
    void anotherKeyCannotCancelOrDeleteTheJob() {
        given()
                .header("X-API-Key", BETA)
                .when().post("/api/v1/jobs/" + alphaJob + "/cancel")
                .then()
                .statusCode(404)
                .body("error_code", equalTo("not_found"));
        given()
                .header("X-API-Key", BETA)
                .when().delete("/api/v1/jobs/" + alphaJob)
                .then()
                .statusCode(404)
                .body("error_code", equalTo("not_found"));
        assertEquals("completed", infra.jobRow(UUID.fromString(alphaJob)).getString("status"));
    }

    @Test
    void aBulkDeleteTouchesOnlyTheCallersJobsAndOnlyItsStarterSeesIt() {
        String deletion = given()
                .header("X-API-Key", GAMMA)
                .when().delete("/api/v1/jobs?status=completed")
                .then()
                .statusCode(202)
                .extract().path("deletion_id");
        given()
                .header("X-API-Key", BETA)
                .when().get("/api/v1/deletions/" + deletion)
                .then()
                .statusCode(404);
        given()
                .header("X-API-Key", GAMMA)
                .when().get("/api/v1/deletions/" + deletion)
                .then()
                .statusCode(200)
                .body("jobs_remaining", equalTo(0));
        // gamma owns no completed job: alpha's stays whatever the sweep does
        given()
                .header("X-API-Key", ALPHA)
                .when().get("/api/v1/jobs/" + alphaJob)
                .then()
                .statusCode(200);
    }

    @Test
    void listsShowOnlyTheCallersJobs() {
        String betaJob = given()
                .header("X-API-Key", BETA)
                .multiPart("file", SpeechFixtures.clips().get(1).toFile())
                .when().post("/api/v1/transcribe")
                .then().statusCode(202)
                .extract().path("job_id");
        given()
                .header("X-API-Key", BETA)
                .when().get("/api/v1/jobs?limit=100")
                .then()
                .statusCode(200)
                .body("jobs.job_id", hasItem(betaJob))
                .body("jobs.job_id", not(hasItem(alphaJob)));
        given()
                .header("X-API-Key", ALPHA)
                .when().get("/api/v1/jobs?limit=100")
                .then()
                .statusCode(200)
                .body("jobs.job_id", hasItem(alphaJob))
                .body("jobs.job_id", not(hasItem(betaJob)));
    }

    @Test
    void theJobRecordsAHashOfTheKeyNeverTheKey() throws Exception {
        String stored = infra.jobRow(UUID.fromString(alphaJob)).getString("owner_key_hash");
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(ALPHA.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, stored);
        assertNotEquals(ALPHA, stored);
    }
}
