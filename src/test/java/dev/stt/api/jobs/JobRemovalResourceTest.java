package dev.stt.api.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.api.support.Infra;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.transcript.TranscriptFormat;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cancelling and deleting jobs, one or in bulk, against real PostgreSQL and S3. */
@QuarkusTest
class JobRemovalResourceTest {

    @Inject
    Infra infra;

    @AfterEach
    void stopBulkDeletions() {
        // no worker runs here to carry them out; one left running would empty the worker suites' shared database
        infra.sql("UPDATE deletions SET state = 'done' WHERE state = 'running' AND kind = 'bulk'");
    }

    @Test
    void deletingAJobRemovesItsRowsLogLinesAndFiles() {
        UUID id = submit();
        infra.addEvents(id, 3);
        infra.sql("INSERT INTO chunks (job_id, chunk_index, start_seconds, end_seconds, status, created_at)"
                + " VALUES ($1, 0, 0, 8, 'done', now())", id);
        String transcript = ObjectKeys.transcript(id, TranscriptFormat.JSON);
        infra.putText(transcript, "{}");
        assertNotNull(infra.head(ObjectKeys.source(id)));

        given().when().delete("/api/v1/jobs/" + id).then().statusCode(204);

        assertNull(infra.jobRow(id));
        assertEquals(0, infra.countEvents(id));
        assertEquals(0, infra.count("SELECT count(*) FROM chunks WHERE job_id = $1", id));
        assertNull(infra.head(ObjectKeys.source(id)));
        assertNull(infra.head(transcript));
        assertEquals(1, infra.count("SELECT count(*) FROM deletions WHERE job_id = $1 AND state = 'done'"
                + " AND jobs_deleted = 1 AND objects_deleted = 2", id));
        given().when().get("/api/v1/jobs/" + id).then().statusCode(404);
        given().when().delete("/api/v1/jobs/" + id).then().statusCode(404).body("error_code", equalTo("not_found"));
    }

    @Test
    void aRunningJobIsCancelledAndDeleted() {
        UUID id = submit();
        infra.sql("UPDATE jobs SET status = 'processing', chunks_total = 3 WHERE id = $1", id);

        given().when().delete("/api/v1/jobs/" + id).then().statusCode(204);

        assertNull(infra.jobRow(id));
        assertNull(infra.head(ObjectKeys.source(id)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0b9f8f0e-3c1a-4c39-9a4e-7f3d2f0c8a11", "not-a-uuid"})
    void deletingAnUnknownJobIsANotFoundProblemAndChangesNothing(String id) {
        long jobs = infra.countJobs();

        given().when().delete("/api/v1/jobs/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("error_code", equalTo("not_found"));

        assertEquals(jobs, infra.countJobs());
    }

    @Test
    void cancellingStopsAJobOnceAndRefusesFinishedOnes() {
        UUID id = submit();

        given().when().post("/api/v1/jobs/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("completed_at", notNullValue());
        given().when().post("/api/v1/jobs/" + id + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
        given().when().get("/api/v1/jobs/" + id + "/logs")
                .then().statusCode(200).body("lines.message", hasItem("Cancelled by the client"));
        assertNotNull(infra.head(ObjectKeys.source(id)), "cancelling keeps the files; deleting removes them");

        UUID done = submit();
        infra.markCompleted(done);
        given().when().post("/api/v1/jobs/" + done + "/cancel")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("error_code", equalTo("job_finished"));
        assertEquals("completed", infra.jobRow(done).getString("status"));
        given().when().post("/api/v1/jobs/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
    }

    @Test
    void aBulkDeleteIsAcceptedAtOnceAndItsProgressCanBeRead() {
        UUID done = submit();
        infra.markCompleted(done);

        String location = given().when().delete("/api/v1/jobs?status=completed")
                .then()
                .statusCode(202)
                .body("status", equalTo("running"))
                .body("status_filter", equalTo("completed"))
                .body("jobs_deleted", equalTo(0))
                .body("jobs_remaining", greaterThanOrEqualTo(1))
                .extract().header("Location");
        String deletionId = location.substring(location.lastIndexOf('/') + 1);
        assertTrue(location.endsWith("/api/v1/deletions/" + deletionId), location);

        given().when().get(location)
                .then()
                .statusCode(200)
                .body("deletion_id", equalTo(deletionId))
                .body("status", equalTo("running"));
        given().when().get("/api/v1/deletions/" + UUID.randomUUID()).then().statusCode(404).body("error_code", equalTo("not_found"));
        given().when().get("/api/v1/deletions/nope").then().statusCode(404);
    }

    @Test
    void aBulkDeleteWithAnUnknownStatusIsRefusedAndStartsNothing() {
        long deletions = infra.count("SELECT count(*) FROM deletions");

        given().when().delete("/api/v1/jobs?status=finished")
                .then()
                .statusCode(400)
                .body("error_code", equalTo("validation_error"));

        assertEquals(deletions, infra.count("SELECT count(*) FROM deletions"));
    }

    @Test
    void jobsClaimedByADeletionAreHiddenAtOnce() {
        UUID id = submit();
        UUID deletion = UUID.randomUUID();
        infra.sql("INSERT INTO deletions (id, kind, cutoff, state, created_at, updated_at) VALUES ($1, 'bulk', now(), 'done', now(), now())",
                deletion);
        infra.sql("UPDATE jobs SET deletion_id = $1 WHERE id = $2", deletion, id);

        given().when().get("/api/v1/jobs/" + id).then().statusCode(404);
        given().when().get("/api/v1/jobs?limit=100").then().statusCode(200).body("jobs.job_id", not(hasItem(id.toString())));
        given().when().post("/api/v1/jobs/" + id + "/cancel").then().statusCode(404);
    }

    private static UUID submit() {
        return JobResourceTest.submit();
    }
}
