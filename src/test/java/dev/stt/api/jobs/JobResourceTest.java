package dev.stt.api.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.stt.api.support.Infra;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.transcript.TranscriptFormat;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class JobResourceTest {

    @Inject
    Infra infra;

    @Test
    void aSubmittedJobCanBeReadBack() {
        UUID id = submit();
        given().when().get("/api/v1/jobs/" + id)
                .then()
                .statusCode(200)
                .body("job_id", equalTo(id.toString()))
                .body("status", equalTo("uploaded"))
                .body("language", equalTo("en"))
                .body("progress.chunks_done", equalTo(0))
                .body("error_code", equalTo(null))
                .body("updated_at", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0b9f8f0e-3c1a-4c39-9a4e-7f3d2f0c8a11", "not-a-uuid", "1"})
    void unknownJobsAreNotFoundProblems(String id) {
        given().when().get("/api/v1/jobs/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("error_code", equalTo("not_found"))
                .body("title", equalTo("Job not found"))
                .body("request_id", notNullValue());
    }

    @Test
    void listsAreNewestFirstAndPageWithACursor() {
        UUID oldest = submit();
        UUID middle = submit();
        UUID newest = submit();
        String cursor = given().when().get("/api/v1/jobs?limit=2")
                .then()
                .statusCode(200)
                .body("jobs", hasSize(2))
                .body("jobs.job_id", contains(newest.toString(), middle.toString()))
                .body("next_cursor", notNullValue())
                .extract().path("next_cursor");
        given().queryParam("cursor", cursor).queryParam("limit", 1)
                .when().get("/api/v1/jobs")
                .then()
                .statusCode(200)
                .body("jobs.job_id", contains(oldest.toString()));
    }

    @Test
    void listsFilterByStatus() {
        UUID done = submit();
        infra.markCompleted(done);
        given().when().get("/api/v1/jobs?status=completed&limit=100")
                .then()
                .statusCode(200)
                .body("jobs.status", org.hamcrest.Matchers.everyItem(equalTo("completed")))
                .body("jobs.job_id", org.hamcrest.Matchers.hasItem(done.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "status=done", "cursor=bogus"})
    void badListParametersAreNamed(String query) {
        String field = query.substring(0, query.indexOf('='));
        given().when().get("/api/v1/jobs?" + query)
                .then()
                .statusCode(400)
                .body("error_code", equalTo("validation_error"))
                .body("detail", containsString("'" + field + "'"));
    }

    @Test
    void aTranscriptIsAConflictUntilTheJobCompletes() {
        UUID id = submit();
        given().when().get("/api/v1/jobs/" + id + "/transcript")
                .then()
                .statusCode(409)
                .body("error_code", equalTo("job_not_completed"))
                .body("detail", containsString("uploaded"));
    }

    @Test
    void aCompletedJobServesEachFormatFromStorage() {
        UUID id = submit();
        for (TranscriptFormat format : TranscriptFormat.values()) {
            infra.putText(ObjectKeys.transcript(id, format), "stored " + format.extension());
        }
        infra.markCompleted(id);
        for (TranscriptFormat format : TranscriptFormat.values()) {
            given().queryParam("format", format.extension())
                    .when().get("/api/v1/jobs/" + id + "/transcript")
                    .then()
                    .statusCode(200)
                    .contentType(startsWith(format.mediaType().split(";")[0]))
                    .body(equalTo("stored " + format.extension()));
        }
    }

    @Test
    void anUnknownTranscriptFormatIsRefused() {
        UUID id = submit();
        given().when().get("/api/v1/jobs/" + id + "/transcript?format=docx")
                .then()
                .statusCode(400)
                .body("detail", containsString("'format'"));
    }

    @Test
    void logsReturnTheLastLinesOldestFirst() {
        UUID id = submit();
        infra.addEvents(id, 5);
        given().when().get("/api/v1/jobs/" + id + "/logs?limit=3")
                .then()
                .statusCode(200)
                .body("job_id", equalTo(id.toString()))
                .body("lines.message", contains("line 3", "line 4", "line 5"));
        given().when().get("/api/v1/jobs/" + id + "/logs")
                .then()
                .statusCode(200)
                .body("lines", hasSize(6))
                .body("lines[0].source", equalTo("api"))
                .body("lines[0].message", startsWith("Accepted upload"));
    }

    /** A job as a client submits it (shared by the tests of this package). */
    static UUID submit() {
        String id = given()
                .multiPart("file", SpeechFixtures.clips().get(1).toFile(), "audio/wav")
                .when().post("/api/v1/transcribe")
                .then().statusCode(202)
                .extract().path("job_id");
        return UUID.fromString(id);
    }
}
