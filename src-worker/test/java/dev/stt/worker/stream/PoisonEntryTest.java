package dev.stt.worker.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.stream.WorkItem;
import dev.stt.common.stream.WorkStream;
import dev.stt.worker.support.Jobs;
import dev.stt.worker.support.LocalStackResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An entry whose handler always fails is taken over a few times, then dead-lettered; its job fails; nothing loops. */
@QuarkusTest
@TestProfile(PoisonEntryTest.FastRedelivery.class)
@QuarkusTestResource(LocalStackResource.class)
class PoisonEntryTest {

    /** Redeliveries within seconds instead of minutes. */
    public static class FastRedelivery implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "stt.pocketsphinx.timeout", "2s",
                    "stt.stream.visibility-timeout", "3s",
                    "stt.stream.reclaim-every", "1s",
                    "stt.stream.block-for", "500ms",
                    "stt.stream.max-deliveries", "3");
        }
    }

    @Inject
    Jobs jobs;

    @Inject
    RedisDataSource redis;

    @Test
    void aChunkThatAlwaysFailsIsDeadLetteredAndItsJobFailed() {
        // the chunk's row exists, its audio does not: every attempt fails with a (retryable) storage error
        UUID id = jobs.insertJob("poison.wav");
        jobs.sql("UPDATE jobs SET status = 'processing', chunks_total = 1, attempts = 1 WHERE id = $1", id);
        jobs.sql("INSERT INTO chunks (job_id, chunk_index, start_seconds, end_seconds, status, created_at)"
                + " VALUES ($1, 0, 0, 5, 'pending', now())", id);
        Instant started = Instant.now();

        jobs.publish(WorkItem.transcribe(id, 0, "poison"));

        Row job = jobs.awaitFinished(id, Duration.ofSeconds(60));
        assertEquals("failed", job.getString("status"));
        assertEquals("unknown", job.getString("error_code"));
        assertEquals("Processing failed repeatedly; please resubmit the job.", job.getString("error_message"));
        assertEquals(3, jobs.chunks(id).get(0).getInteger("attempts"), "three deliveries, each tried once");
        // the job is failed first, then the entry moved to the dead-letter stream: wait for the second step
        List<StreamMessage<String, String, String>> dead = List.of();
        for (long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos(); dead.isEmpty() && System.nanoTime() < giveUp; ) {
            dead = redis.stream(String.class)
                    .xrange(WorkStream.DEAD_LETTER_KEY, StreamRange.of("-", "+")).stream()
                    .filter(entry -> id.toString().equals(entry.payload().get("job_id")))
                    .toList();
            if (dead.isEmpty()) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
        assertEquals(1, dead.size());
        assertEquals("4", dead.get(0).payload().get("deliveries"));
        assertEquals("0", dead.get(0).payload().get("chunk_index"));
        // gone from the work stream: nothing left that could be delivered again
        assertEquals(0, jobs.pendingEntries());
        assertEquals(0, jobs.streamLength());
        assertTrue(Duration.between(started, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0,
                "three takeovers at a 3 s visibility timeout take seconds, not minutes");
    }
}
