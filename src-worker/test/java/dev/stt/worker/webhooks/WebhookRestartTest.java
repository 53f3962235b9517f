package dev.stt.worker.webhooks;

import static dev.stt.worker.support.LocalHttpServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.errors.ErrorCode;
import dev.stt.worker.config.WorkerIdentity;
import dev.stt.worker.jobs.JobStore;
import dev.stt.worker.outbound.GuardedHttpClient;
import dev.stt.worker.support.Jobs;
import dev.stt.worker.support.LocalHttpServer;
import dev.stt.worker.support.LocalHttpServer.Received;
import dev.stt.worker.support.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries live in PostgreSQL, not in a worker's memory: one sender instance claims and dies, and a fresh one
 * (a restarted worker) sends what it left; two senders sweeping at once never send a delivery twice. The
 * application's own scheduled sweep is off here, so only the senders built by the test send anything.
 */
@QuarkusTest
@TestProfile(WebhookRestartTest.SweepOff.class)
@QuarkusTestResource(LocalStackResource.class)
class WebhookRestartTest {

    public static class SweepOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stt.webhook.poll-every", "off");
        }
    }

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    Jobs jobs;

    @Inject
    JobStore store;

    @Inject
    WebhookStore deliveries;

    @Inject
    GuardedHttpClient http;

    @Inject
    WebhookConfig config;

    @Inject
    WorkerIdentity identity;

    private final LocalHttpServer receiver = LocalHttpServer.start();
    private final List<WebhookSender> senders = new ArrayList<>();

    @AfterEach
    void stop() {
        senders.forEach(WebhookSender::close);
        receiver.close();
    }

    @Test
    void aDeliveryClaimedByAWorkerThatDiedIsSentByTheRestartedOne() {
        receiver.on("/hook", status(200));
        UUID job = jobs.insertJobWithWebhook(receiver.url("/hook"));
        store.fail(job, ErrorCode.UNKNOWN, "Failed.", null, identity.id(), null);
        String id = jobs.deliveries(job).get(0).getString("id");

        // worker A claims the delivery for its first attempt and dies before sending it
        List<DueDelivery> claimedByA = deliveries.claimDue(100, config.webhook().lease());
        assertTrue(claimedByA.stream().anyMatch(d -> d.id().equals(id)));

        WebhookSender restarted = newSender();
        restarted.sweep();
        assertEquals(0, receiver.requests("/hook").size(), "A's lease still holds: nobody sends it yet");
        assertEquals("pending", jobs.deliveries(job).get(0).getString("state"));

        // once the lease ends, the restarted worker finds it in PostgreSQL and sends it
        sweepUntil(() -> "delivered".equals(jobs.deliveries(job).get(0).getString("state")), restarted);

        Row delivery = jobs.deliveries(job).get(0);
        assertEquals(2, delivery.getInteger("attempts"), "A's unfinished attempt counts");
        List<Received> requests = receiver.requests("/hook");
        assertEquals(1, requests.size());
        assertEquals(id, requests.get(0).header("webhook-id"));
        assertTrue(SignatureCheck.verifies(requests.get(0)));
    }

    @Test
    void twoWorkersSweepingAtOnceSendEachDeliveryOnce() {
        receiver.on("/many", status(200));
        List<UUID> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID job = jobs.insertJobWithWebhook(receiver.url("/many"));
            store.fail(job, ErrorCode.UNKNOWN, "Failed.", null, identity.id(), null);
            batch.add(job);
        }
        WebhookSender first = newSender();
        WebhookSender second = newSender();

        sweepUntil(() -> batch.stream().allMatch(job -> "delivered".equals(jobs.deliveries(job).get(0).getString("state"))),
                first, second);

        List<Received> requests = receiver.requests("/many");
        Set<String> ids = requests.stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
        assertEquals(12, requests.size(), "each delivery sent once");
        assertEquals(12, ids.size());
        for (UUID job : batch) {
            assertEquals(1, jobs.deliveries(job).get(0).getInteger("attempts"));
        }
    }

    private WebhookSender newSender() {
        WebhookSender sender = new WebhookSender(deliveries, http, config, identity);
        senders.add(sender);
        return sender;
    }

    /** Runs the given senders' sweeps side by side, as separate worker processes would, until the condition holds. */
    private static void sweepUntil(BooleanSupplier done, WebhookSender... sweeping) {
        Instant giveUp = Instant.now().plus(DEADLINE);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("not done within " + DEADLINE);
            }
            CompletableFuture.allOf(java.util.Arrays.stream(sweeping)
                    .map(sender -> CompletableFuture.runAsync(sender::sweep))
                    .toArray(CompletableFuture[]::new)).join();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }
}
