package dev.stt.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The running services under test, reached only through the public API, as a client would. */
final class Stack {

    static final String URL = System.getenv().getOrDefault("STT_URL", "http://localhost:8080");
    static final Path REPO = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath();

    private Stack() {
    }

    static RequestSpecification api() {
        RequestSpecification spec = given().baseUri(URL);
        String key = System.getenv("STT_API_KEY");
        return key == null || key.isBlank() ? spec : spec.header("X-API-Key", key);
    }

    static String submit(Path audio) {
        return api().multiPart("file", audio.toFile())
                .when().post("/api/v1/transcribe")
                .then().statusCode(202)
                .extract().path("job_id");
    }

    /** Polls the job until it is completed, failed or cancelled; fails the test at the deadline. */
    static JsonPath awaitFinished(String jobId, Duration deadline) {
        Instant giveUp = Instant.now().plus(deadline);
        while (true) {
            JsonPath job = api().get("/api/v1/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
            if (List.of("completed", "failed", "cancelled").contains(job.getString("status"))) {
                return job;
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("job " + jobId + " still " + job.getString("status") + " after " + deadline);
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
    }

    static String transcript(String jobId, String format) {
        return api().queryParam("format", format)
                .get("/api/v1/jobs/" + jobId + "/transcript")
                .then().statusCode(200)
                .extract().asString();
    }

    static List<String> logLines(String jobId) {
        return api().queryParam("limit", 1000)
                .get("/api/v1/jobs/" + jobId + "/logs")
                .then().statusCode(200)
                .extract().jsonPath().getList("lines.message", String.class);
    }
}
