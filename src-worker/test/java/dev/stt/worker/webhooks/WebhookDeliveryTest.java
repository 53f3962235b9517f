package dev.stt.worker.webhooks;

import static dev.stt.worker.support.LocalHttpServer.redirect;
import static dev.stt.worker.support.LocalHttpServer.sequence;
import static dev.stt.worker.support.LocalHttpServer.status;
import static dev.stt.worker.support.LocalHttpServer.statusWithHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.errors.ErrorCode;
import dev.stt.worker.jobs.JobStore;
import dev.stt.worker.support.Jobs;
import dev.stt.worker.support.LocalHttpServer;
import dev.stt.worker.support.LocalHttpServer.Received;
import dev.stt.worker.support.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhooks sent by the running worker to a real local receiver, which checks every signature itself. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class WebhookDeliveryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    Jobs jobs;

    @Inject
    JobStore store;

    @Inject
    ObjectMapper json;

    private final LocalHttpServer receiver = LocalHttpServer.start();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aReceiverFailingThreeTimesGetsExactlyOneSuccessfulDeliveryWithTheSameIdThroughout() throws Exception {
        receiver.on("/hook", sequence(status(500), status(500), status(500), status(200)));
        UUID job = jobs.insertJobWithWebhook(receiver.url("/hook"));

        store.fail(job, ErrorCode.INVALID_AUDIO, "The file could not be decoded.", "test", "test-worker", "req-hook");

        Row delivery = jobs.awaitDelivery(job, row -> "delivered".equals(row.getString("state")), DEADLINE);
        List<Received> requests = receiver.requests("/hook");
        assertEquals(4, requests.size(), "three failures, then the one success, then nothing more");
        assertEquals(4, delivery.getInteger("attempts"));
        assertEquals(200, delivery.getInteger("last_status"));
        for (Received request : requests) {
            assertEquals(delivery.getString("id"), request.header("webhook-id"), "the same id on every attempt");
            assertTrue(SignatureCheck.verifies(request), "signature of attempt at " + request.at());
            assertEquals("application/json", request.header("content-type"));
            assertEquals(requests.get(0).bodyText(), request.bodyText(), "the same body on every attempt");
        }
        JsonNode event = json.readTree(requests.get(0).body());
        assertEquals("job.failed", event.get("type").asText());
        assertEquals(job.toString(), event.get("job_id").asText());
        assertEquals("failed", event.get("status").asText());
        assertEquals("invalid_audio", event.get("error_code").asText());
        assertTrue(event.get("transcript_url").isNull());
        assertTrue(event.hasNonNull("timestamp"));

        List<String> log = jobs.logLines(job);
        assertEquals(3, log.stream().filter(line -> line.startsWith("Webhook attempt") && line.contains("HTTP 500")).count(), () -> "log: " + log);
        assertTrue(log.stream().anyMatch(line -> line.startsWith("Webhook delivered to 127.0.0.1 (attempt 4, HTTP 200)")), () -> "log: " + log);
    }

    @Test
    void goneStopsRetries() {
        receiver.on("/gone", status(410));
        UUID job = jobs.insertJobWithWebhook(receiver.url("/gone"));

        store.fail(job, ErrorCode.UNKNOWN, "Failed.", null, "test-worker", null);

        Row delivery = jobs.awaitDelivery(job, row -> "failed".equals(row.getString("state")), DEADLINE);
        assertEquals(1, delivery.getInteger("attempts"));
        assertEquals(410, delivery.getInteger("last_status"));
        assertEquals(1, receiver.requests("/gone").size());
        assertTrue(jobs.logLines(job).stream().anyMatch(line -> line.contains("410 Gone")));
    }

    @Test
    void aRedirectIsAFailureAndIsNeverFollowed() {
        receiver.on("/moved", redirect(302, receiver.url("/elsewhere"))).on("/elsewhere", status(200));
        UUID job = jobs.insertJobWithWebhook(receiver.url("/moved"));

        store.fail(job, ErrorCode.UNKNOWN, "Failed.", null, "test-worker", null);

        // the test profile allows 4 attempts
        Row delivery = jobs.awaitDelivery(job, row -> "failed".equals(row.getString("state")), DEADLINE);
        assertEquals(4, delivery.getInteger("attempts"));
        assertEquals(302, delivery.getInteger("last_status"));
        assertEquals(4, receiver.requests("/moved").size());
        assertEquals(0, receiver.requests("/elsewhere").size(), "the redirect target is never called");
        assertTrue(jobs.logLines(job).stream().anyMatch(line -> line.contains("given up after 4 attempt(s)")));
    }

    @Test
    void retryAfterIsHonoured() {
        receiver.on("/busy", sequence(statusWithHeader(503, "Retry-After", "2"), status(204)));
        UUID job = jobs.insertJobWithWebhook(receiver.url("/busy"));

        store.fail(job, ErrorCode.UNKNOWN, "Failed.", null, "test-worker", null);

        jobs.awaitDelivery(job, row -> "delivered".equals(row.getString("state")), DEADLINE);
        List<Received> requests = receiver.requests("/busy");
        assertEquals(2, requests.size());
        Duration gap = Duration.between(requests.get(0).at(), requests.get(1).at());
        // the test profile's own backoff would have retried after 50 to 100 ms
        assertTrue(gap.compareTo(Duration.ofMillis(1900)) >= 0, "second attempt after " + gap);
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRetried() {
        receiver.on("/slow", sequence(receiver.stallThen(200), status(200)));
        UUID job = jobs.insertJobWithWebhook(receiver.url("/slow"));

        store.fail(job, ErrorCode.UNKNOWN, "Failed.", null, "test-worker", null);

        Row delivery = jobs.awaitDelivery(job, row -> "delivered".equals(row.getString("state")), DEADLINE);
        assertEquals(2, delivery.getInteger("attempts"));
        assertTrue(jobs.logLines(job).stream().anyMatch(line -> line.contains("timed out")), () -> "log: " + jobs.logLines(job));
        List<Received> requests = receiver.requests("/slow");
        assertEquals(requests.get(0).header("webhook-id"), requests.get(1).header("webhook-id"));
    }

    @Test
    void aWebhookUrlThatNowResolvesPrivatelyIsRefusedWithoutAConnection() {
        // 10.0.0.1 is never contacted: the guard refuses before connecting
        UUID job = jobs.insertJobWithWebhook("http://10.0.0.1:" + receiver.port() + "/hook");

        store.fail(job, ErrorCode.UNKNOWN, "Failed.", null, "test-worker", null);

        Row delivery = jobs.awaitDelivery(job, row -> "failed".equals(row.getString("state")), DEADLINE);
        assertEquals(1, delivery.getInteger("attempts"));
        assertNull(delivery.getInteger("last_status"));
        assertTrue(delivery.getString("last_error").startsWith("blocked"));
    }

    @Test
    void aJobWithoutAWebhookQueuesNothing() {
        UUID job = jobs.insertJob("plain.wav");
        store.fail(job, ErrorCode.UNKNOWN, "Failed.", null, "test-worker", null);
        assertEquals(0, jobs.deliveries(job).size());
    }
}
