package dev.stt.worker.packaged;

import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.stream.WorkItem;
import dev.stt.common.stream.WorkStream;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The test's own clients of the PostgreSQL, Redis and S3 the packaged worker uses (the test profile's: STT_TEST_DB,
 * STT_TEST_REDIS_DB, STT_TEST_BUCKET). An integration test runs beside the application, not in it, so it has no
 * beans of the application to borrow. Blocking; test threads only.
 */
final class StackClients implements AutoCloseable {

    private final Connection db;
    private final Vertx vertx = Vertx.vertx();
    private final Redis redis;
    private final S3Client s3;
    private final String bucket = env("STT_TEST_BUCKET", "stt-test");

    StackClients() throws SQLException {
        db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + env("STT_TEST_DB", "stt_test"), "stt", "stt");
        redis = Redis.createClient(vertx, "redis://127.0.0.1:6379/" + env("STT_TEST_REDIS_DB", "1"));
        s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:9000"))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("stt-local", "stt-local-secret")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    /** What the API leaves for a worker: the audio in S3, the job row, a split entry on the stream. */
    UUID submit(Path audio) throws Exception {
        UUID id = UUID.randomUUID();
        s3.putObject(b -> b.bucket(bucket).key(ObjectKeys.source(id)), RequestBody.fromFile(audio));
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO jobs (id, status, filename, language, request_id,"
                + " created_at, updated_at) VALUES (?, 'uploaded', ?, 'en', ?, now(), now())")) {
            insert.setObject(1, id);
            insert.setString(2, audio.getFileName().toString());
            insert.setString(3, "req-" + id);
            insert.executeUpdate();
        }
        Request xadd = Request.cmd(Command.XADD).arg(WorkStream.KEY).arg("*");
        WorkItem.split(id, "req-" + id).toFields().forEach((field, value) -> xadd.arg(field).arg(value));
        redis.send(xadd).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return id;
    }

    /** The job's row as column name to value, or an empty map when there is none. */
    Map<String, Object> job(UUID id) throws SQLException {
        List<Map<String, Object>> rows = rows("SELECT * FROM jobs WHERE id = ?", id);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    List<Map<String, Object>> chunks(UUID id) throws SQLException {
        return rows("SELECT * FROM chunks WHERE job_id = ? ORDER BY chunk_index", id);
    }

    List<Object> logLines(UUID id) throws SQLException {
        return rows("SELECT message FROM job_events WHERE job_id = ? ORDER BY id", id).stream().map(r -> r.get("message")).toList();
    }

    String object(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asString(StandardCharsets.UTF_8);
    }

    private List<Map<String, Object>> rows(String sql, Object parameter) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet result = query.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                        row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() throws Exception {
        s3.close();
        redis.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        db.close();
    }
}
