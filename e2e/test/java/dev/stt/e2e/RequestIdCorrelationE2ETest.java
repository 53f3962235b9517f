package dev.stt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.testing.SpeechFixtures;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One client request id, followed through the API's and the workers' JSON logs and the job's own log lines. */
class RequestIdCorrelationE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOG_DIR = Path.of(System.getenv().getOrDefault("STT_LOG_DIR",
            Stack.REPO.resolve(".local/logs").toString()));

    @Test
    void theClientsRequestIdIsOnEveryServicesLogLinesForItsJob() {
        String requestId = "e2e-" + UUID.randomUUID();
        Response accepted = Stack.api()
                .header("X-Request-ID", requestId)
                .multiPart("file", SpeechFixtures.clips().get(0).toFile())
                .post("/api/v1/transcribe");
        assertEquals(202, accepted.statusCode());
        assertEquals(requestId, accepted.header("X-Request-ID"));
        String jobId = accepted.path("job_id");

        JsonPath job = Stack.awaitFinished(jobId, Duration.ofMinutes(3));
        assertEquals("completed", job.getString("status"));

        List<JsonNode> apiLines = linesWith(requestId, "api.log");
        assertFalse(apiLines.isEmpty(), "the API logged the request with its id");
        List<JsonNode> workerLines = linesWith(requestId, "worker-");
        assertFalse(workerLines.isEmpty(), "a worker logged the job's work with the same id");
        assertTrue(workerLines.stream().allMatch(line -> jobId.equals(line.path("mdc").path("job_id").asText())),
                "worker lines with the request id also name the job");

        List<String> storedIds = Stack.api().queryParam("limit", 1000).get("/api/v1/jobs/" + jobId + "/logs")
                .then().statusCode(200).extract().jsonPath().getList("lines.request_id", String.class);
        assertFalse(storedIds.isEmpty());
        assertTrue(storedIds.stream().allMatch(requestId::equals), "every stored log line carries the id: " + storedIds);
    }

    /** JSON log lines (the services run with JSON console logs) whose MDC holds the request id. */
    private static List<JsonNode> linesWith(String requestId, String filePrefix) {
        try (Stream<Path> files = Files.list(LOG_DIR)) {
            return files.filter(f -> f.getFileName().toString().startsWith(filePrefix))
                    .flatMap(RequestIdCorrelationE2ETest::lines)
                    .filter(line -> line.startsWith("{"))
                    .map(RequestIdCorrelationE2ETest::parse)
                    .filter(Objects::nonNull)
                    .filter(node -> requestId.equals(node.path("mdc").path("request_id").asText()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service logs in " + LOG_DIR, e);
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException notJson) {
            return null;
        }
    }
}
