package dev.stt.api.openai;

import static dev.stt.api.security.KeysWithoutRateLimitProfile.ATTACKER;
import static dev.stt.api.security.KeysWithoutRateLimitProfile.VICTIM;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.api.security.KeysWithoutRateLimitProfile;
import dev.stt.api.support.Bodies;
import dev.stt.api.support.FinishedTranscripts;
import dev.stt.api.support.Infra;
import dev.stt.api.support.Waiting;
import dev.stt.api.support.WorkerStandIn;
import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible endpoint against the real PostgreSQL, Redis and S3, with the worker's part (finishing the job,
 * storing its transcript, announcing it) played by the test. The e2e suite drives it with OpenAI's own SDK.
 */
@QuarkusTest
@TestProfile(KeysWithoutRateLimitProfile.class)
class OpenAiEndpointTest {

    private static final Duration SOON = Duration.ofSeconds(20);
    private final File clip = SpeechFixtures.clips().get(0).toFile();

    @Inject
    WorkerStandIn worker;

    @Inject
    FinishedTranscripts transcripts;

    @Inject
    Infra infra;

    @Test
    void jsonIsTheTextObjectAndTheJobIsAnOrdinaryJob() {
        Completed done = transcribe(Map.of("model", "whisper-1", "language", "en"), this::finish);
        assertEquals(200, done.response.statusCode());
        assertTrue(done.response.contentType().startsWith("application/json"), done.response.contentType());
        assertEquals(Map.of("text", "hello world this is speech"), done.response.jsonPath().getMap(""));
        assertEquals(done.job.toString(), done.response.header("X-Job-ID"));
        JsonPath job = given().header("X-API-Key", VICTIM).get("/api/v1/jobs/" + done.job).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("completed", job.getString("status"));
        assertEquals("en", job.getString("language"));
        assertNull(job.getString("provider"), "whisper-1 means the default failover list");
        assertTrue(infra.countEvents(done.job) >= 1, "the job has its log lines");
    }

    @Test
    void aProviderNameAsModelPinsTheProvider() {
        Completed done = transcribe(Map.of("model", "pocketsphinx"), this::finish);
        assertEquals(200, done.response.statusCode());
        assertEquals("pocketsphinx", infra.jobRow(done.job).getString("provider"));
    }

    @Test
    void textSrtAndVttArePlainText() {
        Completed text = transcribe(Map.of("model", "whisper-1", "response_format", "text"), this::finish);
        assertEquals("text/plain;charset=UTF-8", text.response.contentType().replace(" ", "").replace("utf-8", "UTF-8"));
        assertEquals("hello world this is speech\n", text.response.asString());

        Completed srt = transcribe(Map.of("model", "whisper-1", "response_format", "srt"), this::finish);
        assertTrue(srt.response.contentType().startsWith("text/plain"), srt.response.contentType());
        assertEquals(FinishedTranscripts.SRT, srt.response.asString());

        Completed vtt = transcribe(Map.of("model", "whisper-1", "response_format", "vtt"), this::finish);
        assertEquals(FinishedTranscripts.VTT, vtt.response.asString());
    }

    @Test
    void verboseJsonHasSegmentsByDefaultAndWordsWhenAsked() {
        JsonPath segments = transcribe(Map.of("model", "whisper-1", "response_format", "verbose_json"), this::finish)
                .response.jsonPath();
        assertEquals("transcribe", segments.getString("task"));
        assertEquals("english", segments.getString("language"));
        assertEquals(4.5, segments.getDouble("duration"));
        assertEquals("hello world this is speech", segments.getString("text"));
        assertEquals(List.of(0, 1), segments.getList("segments.id", Integer.class));
        assertEquals(List.of(2.0f, 4.4f), List.of(segments.getFloat("segments[1].start"), segments.getFloat("segments[1].end")));
        assertEquals("this is speech", segments.getString("segments[1].text"));
        assertNull(segments.get("words"), "no words unless asked");

        Completed words = transcribe(Map.of("model", "whisper-1", "response_format", "verbose_json",
                "timestamp_granularities[]", "word"), this::finish);
        JsonPath w = words.response.jsonPath();
        assertEquals(List.of("hello", "world", "this", "is", "speech"), w.getList("words.word"));
        assertEquals(3.0f, w.getFloat("words[4].start"));
        assertEquals(4.3f, w.getFloat("words[4].end"));
        assertNull(w.get("segments"), "only words were asked for");

        Completed both = transcribe(Map.of("model", "whisper-1", "response_format", "verbose_json"), this::finish,
                spec -> spec.multiPart("timestamp_granularities[]", "word").multiPart("timestamp_granularities[]", "segment"));
        JsonPath b = both.response.jsonPath();
        assertEquals(5, b.getList("words").size());
        assertEquals(2, b.getList("segments").size());
    }

    @Test
    void refusalsComeInOpenAisErrorShape() {
        Response noKey = given().multiPart("file", clip).multiPart("model", "whisper-1").post("/v1/audio/transcriptions");
        assertOpenAiError(noKey, 401, "invalid_request_error", "invalid_api_key", null);
        Response wrongKey = given().header("Authorization", "Bearer not-a-key").multiPart("file", clip)
                .multiPart("model", "whisper-1").post("/v1/audio/transcriptions");
        assertOpenAiError(wrongKey, 401, "invalid_request_error", "invalid_api_key", null);

        Response format = given().header("Authorization", "Bearer " + VICTIM).multiPart("file", clip)
                .multiPart("model", "whisper-1").multiPart("response_format", "diarized_json").post("/v1/audio/transcriptions");
        assertOpenAiError(format, 400, "invalid_request_error", "validation_error", "response_format");

        Response notAudio = given().header("Authorization", "Bearer " + VICTIM)
                .multiPart("file", "notes.mp3", "just some text, not audio at all".getBytes())
                .multiPart("model", "whisper-1").post("/v1/audio/transcriptions");
        assertOpenAiError(notAudio, 415, "invalid_request_error", "unsupported_media", null);

        Response tooLarge = given().header("Authorization", "Bearer " + VICTIM)
                .multiPart("file", "big.wav", Bodies.riffWav(1024 * 1024 + 10))
                .multiPart("model", "whisper-1").post("/v1/audio/transcriptions");
        assertOpenAiError(tooLarge, 413, "invalid_request_error", "payload_too_large", null);

        Response unknownRoute = given().header("Authorization", "Bearer " + VICTIM).get("/v1/embeddings");
        assertOpenAiError(unknownRoute, 404, "invalid_request_error", "not_found", null);
    }

    @Test
    void aFailedJobIsAnErrorWhoseStatusSaysWhoseFaultItWas() {
        Completed bad = transcribe(Map.of("model", "whisper-1"),
                job -> worker.fail(job, "invalid_audio", "The file could not be decoded as audio."));
        assertOpenAiError(bad.response, 400, "invalid_request_error", "invalid_audio", null);
        assertTrue(bad.response.jsonPath().getString("error.message").contains(bad.job.toString()), "names the job");

        Completed provider = transcribe(Map.of("model", "whisper-1"),
                job -> worker.fail(job, "provider_unavailable", "No provider could take the audio."));
        assertOpenAiError(provider.response, 503, "server_error", "provider_unavailable", null);

        Completed cancelled = transcribe(Map.of("model", "whisper-1"),
                job -> given().header("X-API-Key", VICTIM).post("/api/v1/jobs/" + job + "/cancel").then().statusCode(200));
        assertOpenAiError(cancelled.response, 409, "invalid_request_error", "job_cancelled", null);
        assertEquals("false", cancelled.response.header("x-should-retry"), "a retry would make another job for nothing");
    }

    @Test
    void anIdempotencyKeyMakesARetryWaitForTheSameJob() {
        Set<String> known = Waiting.jobsOf(VICTIM);
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> post(Map.of("model", "whisper-1"),
                spec -> spec.header("Idempotency-Key", "retry-" + UUID.randomUUID())));
        UUID job = Waiting.newJob(VICTIM, known, SOON);
        finish(job);
        Response answered = first.join();
        assertEquals(200, answered.statusCode());
        // the same key again: no new job, the same result
        String key = "same-" + UUID.randomUUID();
        Completed original = transcribe(Map.of("model", "whisper-1"), this::finish, spec -> spec.header("Idempotency-Key", key));
        Set<String> before = Waiting.jobsOf(VICTIM);
        Response repeat = post(Map.of("model", "whisper-1"), spec -> spec.header("Idempotency-Key", key));
        assertEquals(200, repeat.statusCode());
        assertEquals(original.response.asString(), repeat.asString());
        assertEquals(original.job.toString(), repeat.header("X-Job-ID"));
        assertEquals(before, Waiting.jobsOf(VICTIM), "no second job");
    }

    @Test
    void modelsListTheProvidersAndTheDefaultAlias() {
        JsonPath models = given().header("Authorization", "Bearer " + VICTIM).get("/v1/models").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("list", models.getString("object"));
        assertEquals(List.of("pocketsphinx", "whisper-1"), models.getList("data.id"));
        assertEquals(List.of("model", "model"), models.getList("data.object"));
        given().header("Authorization", "Bearer " + VICTIM).get("/v1/models/pocketsphinx").then().statusCode(200);
        assertOpenAiError(given().header("Authorization", "Bearer " + VICTIM).get("/v1/models/gpt-9"), 404,
                "invalid_request_error", "not_found", null);
        assertOpenAiError(given().header("Authorization", "Bearer " + ATTACKER + "x").get("/v1/models"), 401,
                "invalid_request_error", "invalid_api_key", null);
    }

    static void assertOpenAiError(Response response, int status, String type, String code, String param) {
        assertEquals(status, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        JsonPath error = response.jsonPath();
        assertEquals(Set.of("error"), error.getMap("").keySet(), response.asString());
        assertEquals(Set.of("message", "type", "param", "code"), error.getMap("error").keySet(), response.asString());
        assertEquals(type, error.getString("error.type"));
        assertEquals(code, error.getString("error.code"));
        assertEquals(param, error.getString("error.param"));
        assertFalse(error.getString("error.message").isBlank());
    }

    private record Completed(UUID job, Response response) {
    }

    /** Sends the request, plays the worker's part on the job it made while the request waits, returns the answer. */
    private Completed transcribe(Map<String, String> fields, Consumer<UUID> workerPart) {
        return transcribe(fields, workerPart, spec -> {
        });
    }

    private Completed transcribe(Map<String, String> fields, Consumer<UUID> workerPart, Consumer<RequestSpecification> extra) {
        Set<String> known = Waiting.jobsOf(VICTIM);
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> post(fields, extra));
        UUID job = Waiting.newJob(VICTIM, known, SOON);
        assertFalse(answer.isDone(), "the request waits for its job");
        workerPart.accept(job);
        try {
            return new Completed(job, answer.get(SOON.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("no answer after the job ended", e);
        }
    }

    private Response post(Map<String, String> fields, Consumer<RequestSpecification> extra) {
        RequestSpecification spec = given().header("Authorization", "Bearer " + VICTIM).multiPart("file", clip);
        fields.forEach(spec::multiPart);
        extra.accept(spec);
        return spec.when().post("/v1/audio/transcriptions").andReturn();
    }

    private void finish(UUID job) {
        transcripts.store(job);
        worker.startProcessing(job);
        worker.complete(job);
    }
}
