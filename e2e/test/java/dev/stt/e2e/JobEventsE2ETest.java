package dev.stt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.testing.SseClient;
import dev.stt.common.testing.SseClient.Frame;
import dev.stt.e2e.recovery.ServiceProcess;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live events across API replicas with the real workers: a second API process (the built jar, on a free port, the
 * same PostgreSQL, Redis and S3) streams the events of a job submitted through the stack's API, as the workers
 * publish them — every one from the moment the client connected, in order, up to the final status, after which the
 * stream ends by itself — and a reconnect with {@code Last-Event-ID} gets exactly the newer ones.
 */
class JobEventsE2ETest {

    private static final Path API_JAR = Stack.REPO.resolve("src/target/quarkus-app/quarkus-run.jar");
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(10);

    private static ServiceProcess secondApi;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startASecondApi() {
        Map<String, String> env = new HashMap<>();
        String key = System.getenv("STT_API_KEY");
        if (key != null && !key.isBlank()) {
            env.put("STT_API_KEYS", key);
        }
        env.put("STT_RATE_LIMIT_RPM", "600");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("STT_UPLOAD_SPOOL_DIR", dir.resolve("spool").toString());
        secondApi = new ServiceProcess("api-2", API_JAR, Stack.REPO.resolve("e2e/target"), env).start();
        secondApi.awaitReady();
    }

    @AfterAll
    static void stopIt() throws InterruptedException {
        if (secondApi != null) {
            secondApi.stop();
        }
    }

    @Test
    void aClientOnTheSecondReplicaFollowsAJobSubmittedThroughTheFirst() {
        // about 110 s of speech: two chunks at the stack's 60 s, finished one after the other while the client listens
        Path recording = SpeechFixtures.repeatedSpeechWav(dir, 100);
        String job = Stack.submit(recording);

        List<Frame> live;
        try (SseClient events = open(job, Map.of())) {
            assertEquals(200, events.status());
            live = events.eventsUntilEnd(JOB_DEADLINE);
        }
        assertTrue(live.size() >= 2, "the job's state, then its changes: " + live);
        Frame last = live.get(live.size() - 1);
        assertEquals("completed", data(last).getString("status"), () -> "events: " + live + " log: " + Stack.logLines(job));
        JsonPath finished = Stack.awaitFinished(job, Duration.ofSeconds(30));
        int chunks = finished.getInt("progress.chunks_total");
        assertTrue(chunks >= 2, "chunks: " + chunks);

        // the client had every event the workers published after it connected, in order, each once
        List<Frame> all;
        try (SseClient history = open(job, Map.of("Last-Event-ID", "0-0"))) {
            all = history.eventsUntilEnd(Duration.ofSeconds(30));
        }
        List<String> allIds = all.stream().map(Frame::id).toList();
        List<String> liveIds = live.stream().map(Frame::id).toList();
        String connectedAt = liveIds.get(0);
        List<String> publishedSince = new ArrayList<>(allIds.subList(allIds.indexOf(connectedAt) + 1, allIds.size()));
        if ("0-0".equals(connectedAt)) {
            publishedSince = allIds;
        }
        assertEquals(publishedSince, liveIds.subList(1, liveIds.size()), "live events vs the job's event stream " + all);
        assertEquals(chunks, all.stream().filter(f -> "progress".equals(f.name()))
                .map(f -> data(f).getInt("progress.chunks_done")).distinct().filter(done -> done > 0).count(),
                "one progress event per finished chunk: " + all);
        assertEquals(List.of("processing", "completed"), all.stream().filter(f -> "status".equals(f.name()))
                .map(f -> data(f).getString("status")).toList());

        // a reconnect after the second-to-last event gets the last one only; after the last, 204
        try (SseClient resumed = open(job, Map.of("Last-Event-ID", allIds.get(allIds.size() - 2)))) {
            List<Frame> newer = resumed.eventsUntilEnd(Duration.ofSeconds(30));
            assertEquals(List.of(allIds.get(allIds.size() - 1)), newer.stream().map(Frame::id).toList());
        }
        try (SseClient done = open(job, Map.of("Last-Event-ID", allIds.get(allIds.size() - 1)))) {
            assertEquals(204, done.status());
        }
    }

    @Test
    void swaggerUiAndTheOpenApiDocumentAreServedByTheDeployedApi() {
        io.restassured.RestAssured.given().baseUri(Stack.URL).redirects().follow(true)
                .get("/q/swagger-ui/").then().statusCode(200);
        io.restassured.RestAssured.given().baseUri(Stack.URL)
                .get("/q/openapi").then().statusCode(200);
    }

    private static SseClient open(String job, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        String key = System.getenv("STT_API_KEY");
        if (key != null && !key.isBlank()) {
            all.put("X-API-Key", key);
        }
        return SseClient.open(secondApi.url() + "/api/v1/jobs/" + job + "/events", all);
    }

    private static JsonPath data(Frame frame) {
        return new JsonPath(frame.data());
    }
}
