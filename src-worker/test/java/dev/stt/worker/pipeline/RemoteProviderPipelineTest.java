package dev.stt.worker.pipeline;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.stream.WorkStream;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.testing.WordErrorRate;
import dev.stt.common.transcript.Transcript;
import dev.stt.common.transcript.TranscriptFormat;
import dev.stt.worker.providers.fake.FakeProviderResource;
import dev.stt.worker.providers.fake.FakeProviderServer;
import dev.stt.worker.providers.fake.RemoteProviders;
import dev.stt.worker.support.Jobs;
import dev.stt.worker.support.LocalStackResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Jobs through the whole worker with only the OpenAI-compatible provider, which a fake makes misbehave. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@TestProfile(RemoteProviderProfiles.OpenAiOnly.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteProviderPipelineTest {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    static Path fixtures;

    @Inject
    Jobs jobs;

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    private FakeProviderServer fake;

    @BeforeEach
    void healthyFake() {
        fake = FakeProviderResource.server().healthy();
    }

    @Test
    @Order(1)
    void withHalfTheCallsFailingEveryChunkStillCompletesThroughRetries() throws Exception {
        fake.failureRate(0.5);
        int before = fake.hits();

        UUID id = jobs.submit(SpeechFixtures.speechWav(fixtures));
        Row job = jobs.awaitFinished(id, DEADLINE);

        assertEquals("completed", job.getString("status"), () -> "log: " + jobs.logLines(id));
        assertEquals("openai", job.getString("provider"));
        List<Row> chunks = jobs.chunks(id);
        chunks.forEach(chunk -> assertEquals("openai", chunk.getString("provider")));
        int hits = fake.hits() - before;
        assertTrue(hits >= 2 * chunks.size() - 1, "every other call failed and was retried: " + hits + " calls for "
                + chunks.size() + " chunks");
        Transcript transcript = json.readValue(jobs.object(ObjectKeys.transcript(id, TranscriptFormat.JSON)), Transcript.class);
        assertEquals("openai", transcript.provider());
        double wer = WordErrorRate.of(SpeechFixtures.referenceText(), transcript.text());
        assertTrue(wer <= 0.40, "word error rate " + wer);
        assertTrue(metric("stt_provider_retries_total", "provider=\"openai\"") >= 1, "retries are counted");
        assertTrue(metric("stt_provider_calls_seconds_count", "outcome=\"provider_unavailable\"", "provider=\"openai\"") >= 1);
    }

    @Test
    @Order(2)
    void rejectedCredentialsFailTheJobWithAuthErrorAfterOneCallPerChunkAndTheKeyShowsNowhere() {
        fake.rejectKeys(true);
        int before = fake.hits();

        UUID id = jobs.submit(SpeechFixtures.speechWav(fixtures));
        Row job = jobs.awaitFinished(id, DEADLINE);

        assertEquals("failed", job.getString("status"));
        assertEquals("auth_error", job.getString("error_code"));
        assertFalse(job.getString("error_message").contains(RemoteProviders.KEY));
        List<String> log = jobs.logLines(id);
        assertTrue(log.stream().anyMatch(line -> line.contains("auth_error") && line.contains("401")), "log: " + log);
        assertTrue(log.stream().noneMatch(line -> line.contains(RemoteProviders.KEY)), "log: " + log);
        assertTrue(fake.hits() - before <= job.getInteger("chunks_total"), "never retried: " + (fake.hits() - before));
    }

    @Test
    @Order(3)
    void anOutageWithNowhereElseToGoPutsChunksOffAndTheJobCompletesOnceTheProviderIsBack() throws Exception {
        fake.outage(true);
        int before = fake.hits();

        UUID id = jobs.submit(SpeechFixtures.speechWav(fixtures));
        jobs.awaitJob(id, row -> jobs.logLines(id).stream().filter(line -> line.contains(" put off for ")).count() >= 3,
                Duration.ofMinutes(1));
        assertEquals("processing", jobs.job(id).getString("status"), "waiting, not failed");
        int hitsDuringOutage = fake.hits() - before;
        int chunks = jobs.job(id).getInteger("chunks_total");
        fake.outage(false);
        Row job = jobs.awaitFinished(id, DEADLINE);

        assertEquals("completed", job.getString("status"), () -> "log: " + jobs.logLines(id));
        jobs.chunks(id).forEach(chunk -> assertEquals("openai", chunk.getString("provider")));
        // retries alone would have spent max-retries + 1 = 5 calls per chunk; the breaker stopped that
        assertTrue(hitsDuringOutage < 5 * chunks, hitsDuringOutage + " calls during the outage for " + chunks + " chunks");
        assertEquals(0, redis.stream(String.class).xlen(WorkStream.DEAD_LETTER_KEY), "no entry was dead-lettered");
        assertTrue(metric("stt_provider_calls_seconds_count", "outcome=\"circuit_open\"", "provider=\"openai\"") >= 1);
        assertTrue(metric("stt_chunks_requeued_total") >= 3);
    }

    /** The sum of the Prometheus samples of {@code name} whose labels include every one of {@code labels}. */
    private static double metric(String name, String... labels) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        double total = 0;
        while (sample.find()) {
            String found = sample.group(1) == null ? "" : sample.group(1);
            if (List.of(labels).stream().allMatch(found::contains)) {
                total += Double.parseDouble(sample.group(2));
            }
        }
        return total;
    }
}
