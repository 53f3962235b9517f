package dev.stt.worker.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.testing.WordErrorRate;
import dev.stt.common.transcript.TranscriptFormat;
import dev.stt.worker.support.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker as it is shipped: the runnable jar Maven packaged (or, with {@code -Dnative}, the native executable),
 * started as its own process against the real PostgreSQL, Redis and S3Proxy, with the real ffmpeg and pocketsphinx.
 * The test submits a recording the way the API does and reads back what the worker made of it.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = true)
class PackagedWorkerIT {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    static Path fixtures;

    @Test
    void itReportsStartedLiveAndReady() {
        given().when().get("/q/health/started").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
        // ready once it reads the work stream
        awaitReady();
    }

    @Test
    void itTranscribesTheChunksOfASubmittedRecording() throws Exception {
        awaitReady();
        Path speech = SpeechFixtures.speechWav(fixtures);
        try (StackClients stack = new StackClients()) {
            UUID id = stack.submit(speech);

            Map<String, Object> job = awaitFinished(stack, id);
            assertEquals("completed", job.get("status"), () -> "job " + job + ", log " + logOf(stack, id));

            List<Map<String, Object>> chunks = stack.chunks(id);
            assertFalse(chunks.isEmpty());
            for (Map<String, Object> chunk : chunks) {
                assertEquals("done", chunk.get("status"));
                assertEquals("pocketsphinx", chunk.get("provider"));
            }
            String text = stack.object(ObjectKeys.transcript(id, TranscriptFormat.TXT));
            double wer = WordErrorRate.of(SpeechFixtures.referenceText(), text);
            assertTrue(wer <= 0.40, "word error rate " + wer + " for: " + text);
        }
    }

    private static void awaitReady() {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
        while (given().when().get("/q/health/ready").statusCode() != 200) {
            if (Instant.now().isAfter(giveUp)) {
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    private static Map<String, Object> awaitFinished(StackClients stack, UUID id) throws Exception {
        Instant giveUp = Instant.now().plus(DEADLINE);
        while (true) {
            Map<String, Object> job = stack.job(id);
            if (List.of("completed", "failed", "cancelled").contains(String.valueOf(job.get("status")))) {
                return job;
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("job " + id + " not finished within " + DEADLINE + ": " + job + ", log " + stack.logLines(id));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    private static List<Object> logOf(StackClients stack, UUID id) {
        try {
            return stack.logLines(id);
        } catch (Exception e) {
            return List.of("(log unavailable: " + e + ")");
        }
    }
}
