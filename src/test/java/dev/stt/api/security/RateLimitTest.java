package dev.stt.api.security;

import static dev.stt.api.security.SecuredApiProfile.GAMMA;
import static dev.stt.api.security.SecuredApiProfile.RATE_LIMIT;
import static dev.stt.api.security.SecuredApiProfile.WINDOW_MILLIS;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stt.api.support.Infra;
import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SecuredApiProfile.class)
class RateLimitTest {

    private final File clip = SpeechFixtures.clips().get(1).toFile();

    @Inject
    Infra infra;

    @Test
    void aKeyOverItsLimitIsRefusedUntilTheWindowEnds() {
        awaitStartOfAWindow();
        for (int i = 1; i <= RATE_LIMIT; i++) {
            Response accepted = submit(GAMMA);
            assertEquals(202, accepted.statusCode());
            assertEquals(String.valueOf(RATE_LIMIT), accepted.header("RateLimit-Limit"));
            assertEquals(String.valueOf(RATE_LIMIT - i), accepted.header("RateLimit-Remaining"));
        }
        long jobsBefore = infra.countJobs();

        Response refused = submit(GAMMA);
        assertEquals(429, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("rate_limited", refused.jsonPath().getString("error_code"));
        assertEquals("0", refused.header("RateLimit-Remaining"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= WINDOW_MILLIS / 1000, "Retry-After " + retryAfter);
        assertEquals(jobsBefore, infra.countJobs(), "a refused submission stores nothing");

        assertEquals(202, submit(SecuredApiProfile.DELTA).statusCode(), "other keys keep their own budget");
        awaitAcceptedAgain(GAMMA);
    }

    /** Issue 15, P2: the limit belongs to the submission resource, however its path is spelled. */
    @Test
    void everySpellingOfASubmissionCounts() {
        awaitStartOfAWindow();
        for (int i = 1; i <= RATE_LIMIT; i++) {
            String path = i % 2 == 0 ? "/api/v1/transcribe/" : "/api/v1/transcribe";
            Response accepted = given().header("X-API-Key", SecuredApiProfile.BETA).multiPart("file", clip).when().post(path);
            assertEquals(202, accepted.statusCode(), path);
        }
        Response refused = given().header("X-API-Key", SecuredApiProfile.BETA).multiPart("file", clip)
                .when().post("/api/v1/transcribe/");
        assertEquals(429, refused.statusCode());
        assertEquals("rate_limited", refused.jsonPath().getString("error_code"));
    }

    /** The OpenAI-compatible route is a submission: limited like the others, refused in OpenAI's error shape. */
    @Test
    void theOpenAiRouteIsLimitedAndRefusedInOpenAisShape() {
        awaitStartOfAWindow();
        for (int i = 1; i <= RATE_LIMIT; i++) {
            // a file that is no audio: counted, then refused at once (415) instead of waiting for a job
            Response counted = given().header("Authorization", "Bearer " + SecuredApiProfile.EPSILON)
                    .multiPart("file", "notes.mp3", "not audio".getBytes()).multiPart("model", "whisper-1")
                    .when().post("/v1/audio/transcriptions");
            assertEquals(415, counted.statusCode(), counted.asString());
        }
        Response refused = given().header("Authorization", "Bearer " + SecuredApiProfile.EPSILON)
                .multiPart("file", clip).multiPart("model", "whisper-1")
                .when().post("/v1/audio/transcriptions");
        assertEquals(429, refused.statusCode());
        assertTrue(refused.contentType().startsWith("application/json"), refused.contentType());
        assertEquals("requests", refused.jsonPath().getString("error.type"));
        assertEquals("rate_limit_exceeded", refused.jsonPath().getString("error.code"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= WINDOW_MILLIS / 1000, "Retry-After " + retryAfter);
    }

    @Test
    void readsAreNotLimited() {
        for (int i = 0; i < RATE_LIMIT * 3; i++) {
            given().header("X-API-Key", GAMMA).when().get("/api/v1/jobs").then().statusCode(200);
        }
    }

    private Response submit(String key) {
        return given().header("X-API-Key", key).multiPart("file", clip).when().post("/api/v1/transcribe");
    }

    /** The limiter counts in fixed windows of the shared clock; starting early in one keeps the 4 submissions in it. */
    private static void awaitStartOfAWindow() {
        long deadline = System.currentTimeMillis() + 3 * WINDOW_MILLIS;
        while (System.currentTimeMillis() % WINDOW_MILLIS > WINDOW_MILLIS / 10) {
            if (System.currentTimeMillis() > deadline) {
                fail("clock never reached the start of a window");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private void awaitAcceptedAgain(String key) {
        long deadline = System.currentTimeMillis() + 3 * WINDOW_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Response response = submit(key);
            if (response.statusCode() == 202) {
                assertNotNull(response.header("RateLimit-Remaining"));
                return;
            }
            assertEquals(429, response.statusCode());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        fail("submissions were still refused after the window");
    }
}
