package dev.stt.e2e.recovery;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole service on infrastructure of its own — a private Redis and PostgreSQL the tests may stop and start,
 * the shared S3Proxy with a bucket of its own — with short chunks and timeouts so crashes recover in seconds.
 */
final class PrivateStack implements AutoCloseable {

    static final Path REPO = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath().normalize();
    static final Path API_JAR = REPO.resolve("src/target/quarkus-app/quarkus-run.jar");
    static final Path WORKER_JAR = REPO.resolve("src-worker/target/quarkus-app/quarkus-run.jar");
    /**
     * How long an unacknowledged entry waits before another worker takes it over: above a chunk timeout generous
     * enough for a machine busy with other builds (a 4 s chunk takes pocketsphinx about 2 s on an idle core).
     */
    static final Duration VISIBILITY = Duration.ofSeconds(45);
    static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(40);

    final PrivateRedis redis;
    final PrivatePostgres postgres;
    final Path logs;
    ServiceProcess api;
    final List<ServiceProcess> workers = new ArrayList<>();

    PrivateStack(Path dir) {
        this.logs = REPO.resolve("e2e/target/recovery-logs");
        this.redis = new PrivateRedis(dir.resolve("redis"));
        this.postgres = new PrivatePostgres(dir.resolve("postgres"));
    }

    void start() {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        redis.start();
        postgres.create();
        Map<String, String> apiEnv = common();
        // these tests submit 20 jobs within seconds from one address; rate limits have their own tests
        apiEnv.put("STT_RATE_LIMIT_RPM", "100000");
        api = new ServiceProcess("api", API_JAR, logs, apiEnv).start();
        api.awaitReady();
    }

    ServiceProcess startWorker(String name) {
        return startWorker(name, Map.of());
    }

    ServiceProcess startWorker(String name, Map<String, String> overrides) {
        Map<String, String> env = common();
        env.put("STT_WORKER_ID", name);
        env.put("STT_WORKER_CONCURRENCY", "1");
        env.put("STT_CHUNK_SECONDS", "4");
        env.put("STT_POCKETSPHINX_TIMEOUT", CHUNK_TIMEOUT.toSeconds() + "s");
        env.put("STT_STREAM_MAX_DELIVERIES", "10");
        env.put("STT_STREAM_VISIBILITY_TIMEOUT", VISIBILITY.toSeconds() + "s");
        env.put("STT_STREAM_RECLAIM_EVERY", "2s");
        env.put("STT_STREAM_BLOCK_FOR", "1s");
        env.put("STT_STREAM_SHUTDOWN_GRACE", "2s");
        env.put("STT_MAINTENANCE_EVERY", "3s");
        env.put("STT_MAINTENANCE_RECONCILE_AFTER", "10s");
        env.putAll(overrides);
        ServiceProcess worker = new ServiceProcess(name, WORKER_JAR, logs, env).start();
        workers.add(worker);
        worker.awaitReady();
        return worker;
    }

    String submit(Path audio) {
        return submitResponse(audio).then().statusCode(202).extract().path("job_id");
    }

    Response submitResponse(Path audio) {
        return given().baseUri(api.url()).multiPart("file", audio.toFile()).when().post("/api/v1/transcribe");
    }

    JsonPath job(String id) {
        return given().baseUri(api.url()).get("/api/v1/jobs/" + id).then().statusCode(200).extract().jsonPath();
    }

    List<String> logLines(String id) {
        return given().baseUri(api.url()).queryParam("limit", 1000).get("/api/v1/jobs/" + id + "/logs")
                .then().statusCode(200).extract().jsonPath().getList("lines.message", String.class);
    }

    /** Entries delivered to some worker and not acknowledged yet. */
    long pendingEntries() {
        return redis.number("XPENDING", "stt:work", "stt-workers");
    }

    /** Entries delivered to this worker and not acknowledged yet. */
    long pendingEntriesOf(String consumer) {
        String out = redis.cli("XPENDING", "stt:work", "stt-workers", "-", "+", "1000", consumer).strip();
        return out.isEmpty() ? 0 : out.split("\n").length / 4;
    }

    long streamLength() {
        return redis.number("XLEN", "stt:work");
    }

    String diagnostics() {
        StringBuilder text = new StringBuilder();
        text.append(Processes.tail(api.log, 30)).append('\n');
        workers.forEach(w -> text.append(Processes.tail(w.log, 40)).append('\n'));
        return text.toString();
    }

    private Map<String, String> common() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
        env.put("QUARKUS_REDIS_HOSTS", redis.url());
        env.put("STT_S3_BUCKET", "stt-e2e-recovery");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return env;
    }

    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess worker : workers) {
            worker.stop();
        }
        if (api != null) {
            api.stop();
        }
        redis.stop();
        postgres.stopQuietly();
    }
}
