package dev.stt.k8s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The key check itself tells known from unknown names, or ConfigKeysTest would prove nothing. */
class ServiceConfigTest {

    @Test
    void knowsTheServicesOwnKeys() {
        assertTrue(ServiceConfig.WORKER.reads("STT_CHUNK_SECONDS"));
        assertTrue(ServiceConfig.WORKER.reads("STT_STREAM_SHUTDOWN_GRACE"));
        assertTrue(ServiceConfig.WORKER.reads("STT_POCKETSPHINX_TIMEOUT"));
        assertTrue(ServiceConfig.API.reads("STT_API_KEYS"));
        assertTrue(ServiceConfig.API.reads("STT_S3_CREATE_BUCKET"));
        // referenced as ${STT_LOG_JSON:true} in application.properties
        assertTrue(ServiceConfig.API.reads("STT_LOG_JSON"));
    }

    @Test
    void refusesMisspeltAndForeignKeys() {
        assertFalse(ServiceConfig.WORKER.reads("STT_CHUNK_SECOND"));
        assertFalse(ServiceConfig.WORKER.reads("STT_STREAM_SHUTDOWN_GRACE_SECONDS"));
        assertFalse(ServiceConfig.API.reads("STT_WORKER_CONCURRENCY"));
        assertFalse(ServiceConfig.API.reads("QUARKUS_DATASOURCE_PASWORD"));
    }

    @Test
    void knowsQuarkusRunTimeKeysIncludingNamedClients() {
        assertTrue(ServiceConfig.API.reads("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY"));
        assertTrue(ServiceConfig.API.reads("QUARKUS_REDIS_RATELIMIT_PASSWORD"));
        assertTrue(ServiceConfig.WORKER.reads("QUARKUS_HTTP_PORT"));
        assertTrue(ServiceConfig.buildTimeOnly("QUARKUS_DATASOURCE_DB_KIND"));
        assertTrue(ServiceConfig.buildTimeOnly("QUARKUS_HTTP_ROOT_PATH"));
        assertFalse(ServiceConfig.buildTimeOnly("QUARKUS_REDIS_HOSTS"));
    }
}
