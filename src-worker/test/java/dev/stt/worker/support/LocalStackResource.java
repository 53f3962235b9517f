package dev.stt.worker.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;

/**
 * Prepares the real local PostgreSQL and Redis before the worker starts: the schema the API would have
 * migrated (from scratch), and an empty test stream so no other suite's entries are picked up.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/" + env("STT_TEST_DB", "stt_test");
    static final String REDIS_URL = "redis://127.0.0.1:6379/" + env("STT_TEST_REDIS_DB", "1");

    @Override
    public Map<String, String> start() {
        Flyway flyway = Flyway.configure()
                .dataSource(JDBC_URL, "stt", "stt")
                .locations("classpath:db/migration")
                .cleanDisabled(false)
                .load();
        // from an empty schema, whatever an earlier run or branch left in the test database
        flyway.clean();
        flyway.migrate();
        flushTestRedis();
        return Map.of();
    }

    @Override
    public void stop() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void flushTestRedis() {
        Vertx vertx = Vertx.vertx();
        try {
            Redis.createClient(vertx, REDIS_URL)
                    .send(Request.cmd(Command.FLUSHDB))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot reset the test Redis database at " + REDIS_URL, e);
        } finally {
            vertx.close();
        }
    }
}
