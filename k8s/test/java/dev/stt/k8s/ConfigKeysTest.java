package dev.stt.k8s;

import static dev.stt.k8s.WorkloadTest.API;
import static dev.stt.k8s.WorkloadTest.WORKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.api.config.ApiConfig;
import dev.stt.worker.config.WorkerConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable the chart sets is one the receiving service reads: a property of its
 * configuration interfaces or application.properties, or a run-time property of its Quarkus
 * extensions. A misspelt or renamed key would otherwise be ignored without a word.
 */
class ConfigKeysTest {

    /**
     * Keys of work merged in parallel (provider keys, webhook signing, URL download limits): the
     * chart sets them, the worker reads them once that work has landed. Names in here are allowed to
     * be unknown; once a service reads them this set can shrink.
     */
    private static final Map<String, Set<String>> LANDING_WITH_OTHER_BRANCHES = Map.of(
            WORKER, Set.of("STT_OPENAI_API_KEY", "STT_GEMINI_API_KEY", "STT_WEBHOOK_SECRET", "STT_MAX_UPLOAD_MB"));

    /** Everything switched on, every secret set: the most variables the chart can set. */
    private static final String EVERYTHING = SecretsTest.valuesYaml(Map.of(
            "apiKeys", "k", "postgresqlPassword", "p", "redisPassword", "r", "s3AccessKeyId", "a",
            "s3SecretAccessKey", "s", "openaiApiKey", "o", "geminiApiKey", "g", "webhookSecret", "w")) + """
            postgresql:
              sslMode: require
            redis:
              tls: true
              rateLimitUrl: redis://ratelimit:6379/0
            api:
              corsOrigins: https://stt.example.com
              extraConfig:
                STT_RATE_LIMIT_WINDOW: 60S
            worker:
              extraConfig:
                STT_STREAM_VISIBILITY_TIMEOUT: 15m
                STT_POCKETSPHINX_TIMEOUT: 10m
              keda:
                enabled: true
            """;

    @Test
    void theApiReadsEverythingItIsGiven() {
        assertEquals(Set.of(), unknown(API, ServiceConfig.API, Chart.render()));
        assertEquals(Set.of(), unknown(API, ServiceConfig.API, Chart.render(EVERYTHING)));
    }

    @Test
    void theWorkerReadsEverythingItIsGiven() {
        assertEquals(Set.of(), unknown(WORKER, ServiceConfig.WORKER, Chart.render()));
        assertEquals(Set.of(), unknown(WORKER, ServiceConfig.WORKER, Chart.render(EVERYTHING)));
    }

    @Test
    void noBuildTimePropertyIsSetAtRunTime() {
        Rendered rendered = Chart.render(EVERYTHING);

        for (String deployment : List.of(API, WORKER)) {
            for (String env : rendered.environment(deployment).keySet()) {
                assertFalse(ServiceConfig.buildTimeOnly(env), deployment + ": " + env + " is fixed at build time");
            }
        }
    }

    @Test
    void onlyTheApiMigratesTheSchema() {
        Rendered rendered = Chart.render();

        assertTrue(rendered.plainEnvironment(API).get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://postgresql:5432/stt"));
        assertFalse(rendered.environment(WORKER).containsKey("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("true", ServiceConfig.API.applicationProperties.getProperty("quarkus.flyway.migrate-at-start"));
        assertEquals(null, ServiceConfig.WORKER.applicationProperties.getProperty("quarkus.flyway.migrate-at-start"));
    }

    @Test
    void infrastructureValuesBecomeTheUrlsTheServicesUse() {
        Rendered rendered = Chart.render("""
                postgresql: {host: pg.db, port: 5433, database: speech, username: speech, sslMode: verify-full}
                redis: {host: cache.db, port: 6380, database: 3, tls: true}
                s3: {endpoint: "http://minio.storage:9000", region: eu-west-1, bucket: audio, pathStyleAccess: true}
                """);
        Map<String, String> api = rendered.plainEnvironment(API);
        Map<String, String> worker = rendered.plainEnvironment(WORKER);

        for (Map<String, String> env : List.of(api, worker)) {
            assertEquals("postgresql://pg.db:5433/speech?sslmode=verify-full", env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
            assertEquals("speech", env.get("QUARKUS_DATASOURCE_USERNAME"));
            assertEquals("rediss://cache.db:6380/3", env.get("QUARKUS_REDIS_HOSTS"));
            assertEquals("http://minio.storage:9000", env.get("QUARKUS_S3_ENDPOINT_OVERRIDE"));
            assertEquals("eu-west-1", env.get("QUARKUS_S3_AWS_REGION"));
            assertEquals("true", env.get("QUARKUS_S3_PATH_STYLE_ACCESS"));
        }
        assertEquals("jdbc:postgresql://pg.db:5433/speech?sslmode=verify-full", api.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("audio", ServiceConfig.mapping(ApiConfig.class, api).s3().bucket());
        assertEquals("audio", ServiceConfig.mapping(WorkerConfig.class, worker).s3().bucket());
        // AWS itself when no endpoint is given: the services' defaults point at the local S3Proxy
        assertEquals("https://s3.us-east-1.amazonaws.com", Chart.render().plainEnvironment(API).get("QUARKUS_S3_ENDPOINT_OVERRIDE"));
    }

    @Test
    void serviceSettingsReachTheConfigurationInterfaces() {
        Rendered rendered = Chart.render("""
                config: {providers: "openai,pocketsphinx"}
                api: {maxUploadMb: 64, rateLimitRpm: 30, corsOrigins: "https://a.example,https://b.example"}
                worker: {concurrency: 3, chunkSeconds: 45}
                """);

        ApiConfig api = ServiceConfig.mapping(ApiConfig.class, rendered.plainEnvironment(API));
        assertEquals(64, api.maxUploadMb());
        assertEquals(30, api.rateLimitRpm());
        assertEquals(List.of("https://a.example", "https://b.example"), api.corsOrigins().orElseThrow());
        assertEquals(List.of("openai", "pocketsphinx"), api.providers());
        assertFalse(api.s3().createBucket());

        WorkerConfig worker = ServiceConfig.mapping(WorkerConfig.class, rendered.plainEnvironment(WORKER));
        assertEquals(3, worker.workerConcurrency());
        assertEquals(45.0, worker.chunkSeconds());
        assertEquals(List.of("openai", "pocketsphinx"), worker.providers());
    }

    private static Set<String> unknown(String deployment, ServiceConfig service, Rendered rendered) {
        Set<String> unknown = new TreeSet<>();
        for (String env : rendered.environment(deployment).keySet()) {
            if (!service.reads(env) && !LANDING_WITH_OTHER_BRANCHES.getOrDefault(deployment, Set.of()).contains(env)) {
                unknown.add(env);
            }
        }
        return unknown;
    }
}
