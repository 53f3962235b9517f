package dev.stt.api.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stt.api.support.Infra;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /transcribe/url} and {@code webhook_url}: checked at once, queued without downloading. */
@QuarkusTest
class TranscribeUrlResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    // the test profile allow-lists 127.0.0.1 only; nothing listens on port 9 and nothing is fetched here
    private static final String AUDIO_URL = "http://127.0.0.1:9/media/talk%20one.mp3?sig=abc";

    @Inject
    Infra infra;

    @Test
    void aUrlIsAcceptedAndQueuedWithoutDownloading() {
        String id = given()
                .contentType(ContentType.JSON)
                .body(Map.of("audio_url", AUDIO_URL, "webhook_url", "http://127.0.0.1:9/hook", "language", "en-GB"))
                .header("X-Request-ID", "url-run-1")
                .when().post("/api/v1/transcribe/url")
                .then()
                .statusCode(202)
                .header("Location", matchesPattern(".*/api/v1/jobs/[0-9a-f-]{36}"))
                .body("status", equalTo("uploaded"))
                .body("filename", equalTo("talk one.mp3"))
                .body("language", equalTo("en-GB"))
                .body("webhook_status.state", equalTo("waiting"))
                .body("webhook_status.attempts", equalTo(0))
                .extract().path("job_id");
        UUID job = UUID.fromString(id);

        var row = infra.jobRow(job);
        assertEquals(AUDIO_URL, row.getString("source_url"));
        assertEquals("http://127.0.0.1:9/hook", row.getString("webhook_url"));
        assertNull(infra.head(ObjectKeys.source(job)), "the API never downloads; the worker does");
        List<Map<String, String>> entries = infra.streamEntries(job);
        assertEquals(1, entries.size());
        assertEquals("split", entries.get(0).get("kind"));
        assertEquals("url-run-1", entries.get(0).get("request_id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://169.254.169.254/latest/meta-data/",
        "http://0x0a000001/a.mp3",
        "http://[::1]/a.mp3",
        "http://[::ffff:192.168.0.1]/a.mp3",
        "ftp://127.0.0.1/a.mp3",
        "http://user:pw@127.0.0.1/a.mp3",
        "file:///etc/passwd"})
    void aBlockedAudioUrlIsRefusedAndNothingIsStored(String url) {
        long jobsBefore = infra.countJobs();
        given()
                .contentType(ContentType.JSON)
                .body(Map.of("audio_url", url))
                .when().post("/api/v1/transcribe/url")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("error_code", equalTo("url_blocked"))
                .body("detail", containsString("'audio_url'"))
                .body("request_id", notNullValue());
        assertEquals(jobsBefore, infra.countJobs());
    }

    @Test
    void aBlockedWebhookUrlIsRefusedOnTheUrlEndpoint() {
        long jobsBefore = infra.countJobs();
        given()
                .contentType(ContentType.JSON)
                .body(Map.of("audio_url", AUDIO_URL, "webhook_url", "http://10.0.0.1/hook"))
                .when().post("/api/v1/transcribe/url")
                .then()
                .statusCode(400)
                .body("error_code", equalTo("url_blocked"))
                .body("detail", containsString("'webhook_url'"));
        assertEquals(jobsBefore, infra.countJobs());
    }

    @Test
    void aBlockedWebhookUrlIsRefusedOnUploadsAndNothingIsStored() {
        File speech = SpeechFixtures.clips().get(0).toFile();
        long jobsBefore = infra.countJobs();
        int objectsBefore = infra.objectKeys().size();
        given()
                .multiPart("file", speech, "audio/wav")
                .multiPart("webhook_url", "http://[fd00::1]/hook")
                .when().post("/api/v1/transcribe")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("error_code", equalTo("url_blocked"))
                .body("detail", containsString("'webhook_url'"));
        assertEquals(jobsBefore, infra.countJobs());
        assertEquals(objectsBefore, infra.objectKeys().size());
    }

    @Test
    void anUploadKeepsItsWebhookUrl() {
        File speech = SpeechFixtures.clips().get(0).toFile();
        String id = given()
                .multiPart("file", speech, "audio/wav")
                .multiPart("webhook_url", "http://127.0.0.1:9/hook")
                .when().post("/api/v1/transcribe")
                .then()
                .statusCode(202)
                .body("webhook_status.state", equalTo("waiting"))
                .extract().path("job_id");
        assertEquals("http://127.0.0.1:9/hook", infra.jobRow(UUID.fromString(id)).getString("webhook_url"));
    }

    @Test
    void aMissingAudioUrlIsAValidationError() {
        given()
                .contentType(ContentType.JSON)
                .body(Map.of("language", "en"))
                .when().post("/api/v1/transcribe/url")
                .then()
                .statusCode(400)
                .body("error_code", equalTo("validation_error"))
                .body("detail", containsString("'audio_url'"));
    }

    @Test
    void malformedJsonIsABadRequest() {
        given()
                .contentType(ContentType.JSON)
                .body("{\"audio_url\": ")
                .when().post("/api/v1/transcribe/url")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void theJobShowsItsWebhookAttemptsAndLastStatus() {
        String id = given()
                .contentType(ContentType.JSON)
                .body(Map.of("audio_url", AUDIO_URL, "webhook_url", "http://127.0.0.1:9/hook"))
                .when().post("/api/v1/transcribe/url")
                .then().statusCode(202)
                .extract().path("job_id");
        infra.recordDelivery(UUID.fromString(id), "pending", 3, 500, "HTTP 500");

        given().when().get("/api/v1/jobs/" + id)
                .then()
                .statusCode(200)
                .body("webhook_status.state", equalTo("pending"))
                .body("webhook_status.attempts", equalTo(3))
                .body("webhook_status.last_status", equalTo(500))
                .body("webhook_status.last_error", equalTo("HTTP 500"))
                .body("webhook_status.next_attempt_at", notNullValue());
        given().queryParam("limit", 100).when().get("/api/v1/jobs")
                .then()
                .statusCode(200)
                .body("jobs.find { it.job_id == '" + id + "' }.webhook_status.attempts", equalTo(3));
    }
}
