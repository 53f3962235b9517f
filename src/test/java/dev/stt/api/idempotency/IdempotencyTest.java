package dev.stt.api.idempotency;

import static dev.stt.api.security.KeysWithoutRateLimitProfile.ATTACKER;
import static dev.stt.api.security.KeysWithoutRateLimitProfile.VICTIM;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stt.api.support.Infra;
import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ShortIdempotencyProfile.class)
class IdempotencyTest {

    private final File clip = SpeechFixtures.clips().get(0).toFile();
    private final File otherClip = SpeechFixtures.clips().get(1).toFile();

    @Inject
    Infra infra;

    @Test
    void fiveRacingUploadsWithOneKeyMakeOneJobAndOneStoredObject() throws Exception {
        String key = "race-" + UUID.randomUUID();
        long jobsBefore = infra.countJobs();
        long sourcesBefore = sources();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(5);
        List<Future<Response>> racing = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                racing.add(threads.submit(() -> {
                    start.await();
                    return upload(VICTIM, key, clip);
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : racing) {
                answers.add(answer.get());
            }

            assertEquals(List.of(202, 202, 202, 202, 202), answers.stream().map(Response::statusCode).toList());
            assertEquals(1, answers.stream().map(Response::asString).distinct().count(), "the same body for all five");
            assertEquals(1, answers.stream().map(r -> r.header("Location")).distinct().count());
            assertEquals(4, answers.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed"))).count());
            assertEquals(jobsBefore + 1, infra.countJobs(), "exactly one job");
            assertEquals(sourcesBefore + 1, sources(), "exactly one stored upload");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndChangesNothing() {
        String key = "mismatch-" + UUID.randomUUID();
        String first = upload(VICTIM, key, clip).then().statusCode(202).extract().path("job_id");
        long jobs = infra.countJobs();

        Response other = upload(VICTIM, key, otherClip);
        assertEquals(422, other.statusCode(), other.asString());
        assertEquals("idempotency_mismatch", other.jsonPath().getString("error_code"));
        Response otherLanguage = given().header("X-API-Key", VICTIM).header("Idempotency-Key", key)
                .multiPart("file", clip).multiPart("language", "de").post("/api/v1/transcribe");
        assertEquals(422, otherLanguage.statusCode(), "a different field is a different body");
        assertEquals(jobs, infra.countJobs());
        assertEquals(first, upload(VICTIM, key, clip).then().statusCode(202).extract().path("job_id"));
    }

    @Test
    void keysBelongToTheirApiKey() {
        String key = "shared-" + UUID.randomUUID();
        String victims = upload(VICTIM, key, clip).then().statusCode(202).extract().path("job_id");
        String attackers = upload(ATTACKER, key, clip).then().statusCode(202).extract().path("job_id");
        assertNotEquals(victims, attackers, "another API key's idempotency key is not ours");
    }

    @Test
    void urlSubmissionsAreIdempotentToo() {
        String key = "url-" + UUID.randomUUID();
        String body = "{\"audio_url\": \"http://127.0.0.1:9/talk.mp3\", \"language\": \"en\"}";
        Response first = submitUrl(key, body);
        assertEquals(202, first.statusCode(), first.asString());
        Response again = submitUrl(key, "{\"language\": \"en\",  \"audio_url\": \"http://127.0.0.1:9/talk.mp3\"}");
        assertEquals(202, again.statusCode());
        assertEquals(first.asString(), again.asString(), "the same JSON, however it is spelled, is the same request");
        assertEquals("true", again.header("Idempotent-Replayed"));
        Response different = submitUrl(key, "{\"audio_url\": \"http://127.0.0.1:9/other.mp3\"}");
        assertEquals(422, different.statusCode());
    }

    @Test
    void aRefusedUploadDoesNotReserveTheKey() {
        String key = "refused-" + UUID.randomUUID();
        Response refused = given().header("X-API-Key", VICTIM).header("Idempotency-Key", key)
                .multiPart("file", "notes.mp3", "plain text, not audio".getBytes()).post("/api/v1/transcribe");
        assertEquals(415, refused.statusCode());
        Response accepted = upload(VICTIM, key, clip);
        assertEquals(202, accepted.statusCode());
        assertNull(accepted.header("Idempotent-Replayed"), "a new job, not the refusal again");
    }

    @Test
    void afterItsLifetimeAKeyMakesANewJob() {
        String key = "expiring-" + UUID.randomUUID();
        String first = upload(VICTIM, key, clip).then().statusCode(202).extract().path("job_id");
        assertEquals(first, upload(VICTIM, key, clip).then().statusCode(202).extract().path("job_id"));
        long giveUp = System.nanoTime() + Duration.ofSeconds(ShortIdempotencyProfile.TTL_SECONDS * 3L).toNanos();
        while (true) {
            String again = upload(VICTIM, key, clip).then().statusCode(202).extract().path("job_id");
            if (!again.equals(first)) {
                return;
            }
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("the key still answers with its first job after its lifetime");
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    @Test
    void aKeyOfMoreThan255CharactersIsRefused() {
        Response refused = given().header("X-API-Key", VICTIM).header("Idempotency-Key", "x".repeat(256))
                .multiPart("file", clip).post("/api/v1/transcribe");
        assertEquals(400, refused.statusCode());
        assertEquals("validation_error", refused.jsonPath().getString("error_code"));
    }

    private Response submitUrl(String key, String body) {
        return given().header("X-API-Key", VICTIM).header("Idempotency-Key", key).contentType("application/json")
                .body(body).post("/api/v1/transcribe/url");
    }

    private static Response upload(String apiKey, String idempotencyKey, File file) {
        return given().header("X-API-Key", apiKey).header("Idempotency-Key", idempotencyKey)
                .multiPart("file", file).post("/api/v1/transcribe");
    }

    private long sources() {
        Set<String> keys = infra.objectKeys().stream().filter(k -> k.endsWith("/source")).collect(Collectors.toSet());
        return keys.size();
    }
}
