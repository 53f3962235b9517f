package dev.stt.api.http;

import static dev.stt.api.security.KeysWithoutRateLimitProfile.VICTIM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.api.security.KeysWithoutRateLimitProfile;
import dev.stt.api.support.Infra;
import dev.stt.api.support.RawHttp;
import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 15, P2, P5, P6: requests of the wrong shape get a problem document that says what is wrong, and change nothing. */
@QuarkusTest
@TestProfile(KeysWithoutRateLimitProfile.class)
class RequestShapeTest {

    @Inject
    Infra infra;

    @Test
    void aSubmissionPathWithAMatrixParameterIsRefused() throws IOException {
        long jobs = infra.countJobs();
        RawHttp.Multipart form = RawHttp.Multipart.of("clip.wav", Files.readAllBytes(SpeechFixtures.clips().get(1)), Map.of());
        RawHttp.Answer answer = RawHttp.request(RestAssured.port, "POST", "/api/v1/transcribe;x",
                Map.of("X-API-Key", VICTIM, "Content-Type", form.contentType()), form.body());
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("\"error_code\":\"validation_error\""), answer.body());
        assertTrue(answer.body().contains("matrix parameters are not accepted"), answer.body());
        assertEquals(jobs, infra.countJobs());
    }

    @Test
    void anEmptyStatusIsRefusedAndDeletesNothing() {
        long deletions = infra.count("SELECT count(*) FROM deletions");
        given().header("X-API-Key", VICTIM)
                .when().delete("/api/v1/jobs?status=")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("error_code", equalTo("validation_error"))
                .body("detail", equalTo("'status' must not be empty; leave the parameter out instead"));
        assertEquals(deletions, infra.count("SELECT count(*) FROM deletions"));
        given().header("X-API-Key", VICTIM).when().get("/api/v1/jobs?status=").then().statusCode(400);
    }

    static Stream<Arguments> wronglyShapedJson() {
        return Stream.of(
                Arguments.of("{\"audio_url\": {\"href\": \"https://example.com/a.mp3\"}}", "'audio_url' has the wrong type: expected a string"),
                Arguments.of("{\"audio_url\": \"https://example.com/a.mp3\", \"language\": [\"en\"]}",
                        "'language' has the wrong type: expected a string"),
                Arguments.of("[\"https://example.com/a.mp3\"]", "The body must be a JSON object."),
                Arguments.of("{\"audio_url\": ", "The body is not valid JSON."));
    }

    @ParameterizedTest
    @MethodSource("wronglyShapedJson")
    void jsonOfTheWrongShapeIsNamed(String body, String detail) {
        long jobs = infra.countJobs();
        given().header("X-API-Key", VICTIM)
                .contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/transcribe/url")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("error_code", equalTo("validation_error"))
                .body("detail", equalTo(detail));
        assertEquals(jobs, infra.countJobs());
    }

    @Test
    void aJsonBodyOverItsLimitIsRefused() {
        String padding = "x".repeat(70_000);
        given().header("X-API-Key", VICTIM)
                .contentType("application/json")
                .body("{\"audio_url\": \"https://example.com/a.mp3\", \"language\": \"" + padding + "\"}")
                .when().post("/api/v1/transcribe/url")
                .then()
                .statusCode(413)
                .body("detail", equalTo("Request bodies other than uploads are limited to 65536 bytes."));
    }
}
