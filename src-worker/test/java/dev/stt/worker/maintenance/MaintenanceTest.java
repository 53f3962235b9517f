package dev.stt.worker.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.testing.SpeechFixtures;
import dev.stt.worker.support.Jobs;
import dev.stt.worker.support.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweeps against real PostgreSQL, Redis, S3 and the running consumer, with the clock the test chooses: what each
 * one deletes or queues again, and what it must leave alone.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class MaintenanceTest {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @Inject
    Jobs jobs;

    @Inject
    MaintenanceScheduler maintenance;

    @BeforeEach
    void parkWhatOtherSuitesLeftUnfinished() {
        // API tests share this database and leave uploaded jobs whose work never reaches this worker; the recovery
        // sweep would rightly queue them all again. Only this class's jobs are in play here.
        jobs.sql("UPDATE jobs SET status = 'failed', error_code = 'unknown', completed_at = now(), updated_at = now()"
                + " WHERE status IN ('uploaded', 'processing')");
        jobs.sql("UPDATE deletions SET state = 'done' WHERE state = 'running'");
    }

    @Test
    void aJobWhoseStreamEntryWasLostIsQueuedAgainByTheReconciler() {
        Instant now = Instant.now();
        UUID lost = jobs.submitWithoutEntry(SpeechFixtures.clips().get(1));
        jobs.sql("UPDATE jobs SET updated_at = $2 WHERE id = $1", lost, Jobs.at(now.minus(Duration.ofMinutes(3))));
        UUID young = jobs.insertJob("uploaded", null, 0, now, now, null);

        assertTrue(maintenance.recover(now));

        Row done = jobs.awaitFinished(lost, DEADLINE);
        assertEquals("completed", done.getString("status"), () -> "log: " + jobs.logLines(lost));
        assertTrue(jobs.logLines(lost).contains("Its work entry was not on the stream; queued again"));
        Row untouched = jobs.job(young);
        assertEquals("uploaded", untouched.getString("status"), "a job younger than the grace period waits for its entry");
        assertEquals(0, untouched.getInteger("attempts"));
    }

    @Test
    void staleJobsAreQueuedAgainUntilTheyWereStartedTooOften() {
        Instant now = Instant.now();
        Instant longAgo = now.minus(Duration.ofMinutes(31));
        UUID interrupted = jobs.submitWithoutEntry(SpeechFixtures.clips().get(1));
        jobs.sql("UPDATE jobs SET status = 'processing', attempts = 1, updated_at = $2 WHERE id = $1", interrupted, Jobs.at(longAgo));
        UUID hopeless = jobs.insertJob("processing", null, 3, longAgo, longAgo, null);
        UUID busy = jobs.insertJob("processing", null, 1, longAgo, now.minus(Duration.ofMinutes(5)), null);
        UUID finished = jobs.insertJob("completed", null, 1, longAgo, longAgo, longAgo);

        assertTrue(maintenance.recover(now));

        assertEquals("completed", jobs.awaitFinished(interrupted, DEADLINE).getString("status"),
                () -> "log: " + jobs.logLines(interrupted));
        assertEquals(2, jobs.job(interrupted).getInteger("attempts"), "resumed by one more start");
        Row failed = jobs.job(hopeless);
        assertEquals("failed", failed.getString("status"));
        assertEquals("timeout", failed.getString("error_code"));
        assertEquals("Job timed out — interrupted repeatedly; please resubmit.", failed.getString("error_message"));
        assertTrue(jobs.logLines(hopeless).stream().anyMatch(line -> line.contains("no progress for PT30M after 3 attempt(s)")));
        assertEquals("processing", jobs.job(busy).getString("status"), "five minutes without progress is not stale");
        assertEquals("completed", jobs.job(finished).getString("status"));

        // nothing is queued twice by a second sweep at the same time
        assertTrue(maintenance.recover(now));
        assertEquals("failed", jobs.job(hopeless).getString("status"));
        assertEquals(2, jobs.job(interrupted).getInteger("attempts"));
    }

    @Test
    void retentionDeletesOnlyJobsThatFinishedLongAgo() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant eightDaysAgo = now.minus(Duration.ofDays(8));
        Instant twoDaysAgo = now.minus(Duration.ofDays(2));
        List<UUID> expired = List.of(
                jobs.insertJob("completed", null, 1, eightDaysAgo, eightDaysAgo, eightDaysAgo),
                jobs.insertJob("failed", null, 1, eightDaysAgo, eightDaysAgo, eightDaysAgo),
                jobs.insertJob("cancelled", null, 1, eightDaysAgo, eightDaysAgo, eightDaysAgo));
        List<UUID> kept = List.of(
                jobs.insertJob("completed", null, 1, eightDaysAgo, twoDaysAgo, twoDaysAgo),
                jobs.insertJob("processing", null, 1, eightDaysAgo, eightDaysAgo, null));
        List<String> expiredKeys = new ArrayList<>();
        expired.forEach(id -> expiredKeys.addAll(jobs.addBelongings(id)));
        List<String> keptKeys = new ArrayList<>();
        kept.forEach(id -> keptKeys.addAll(jobs.addBelongings(id)));

        assertTrue(maintenance.expire(now));

        for (UUID id : expired) {
            assertNull(jobs.job(id), "expired job " + id + " is gone");
            assertEquals(0, jobs.rows("chunks", id));
            assertEquals(0, jobs.rows("job_events", id));
        }
        expiredKeys.forEach(key -> assertFalse(jobs.objectExists(key), key + " is gone"));
        for (UUID id : kept) {
            assertEquals(1, jobs.rows("jobs", id));
            assertEquals(1, jobs.rows("chunks", id));
            assertEquals(1, jobs.rows("job_events", id));
        }
        keptKeys.forEach(key -> assertTrue(jobs.objectExists(key), key + " is kept"));
    }

    @Test
    void aBulkDeletionRemovesWhatMatchesInBatchesAndResumesAfterACrash() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant hourAgo = now.minus(Duration.ofHours(1));
        String owner = "owner-" + UUID.randomUUID();
        List<UUID> matching = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            matching.add(jobs.insertJob("completed", owner, 1, hourAgo.plusSeconds(i), hourAgo, hourAgo));
        }
        UUID otherStatus = jobs.insertJob("failed", owner, 1, hourAgo, hourAgo, hourAgo);
        UUID otherOwner = jobs.insertJob("completed", "owner-" + UUID.randomUUID(), 1, hourAgo, hourAgo, hourAgo);
        UUID deletion = UUID.randomUUID();
        jobs.sql("INSERT INTO deletions (id, kind, owner_key_hash, status_filter, cutoff, state, created_at, updated_at)"
                + " VALUES ($1, 'bulk', $2, 'completed', $3, 'running', $3, $3)", deletion, owner, Jobs.at(now));
        UUID submittedLater = jobs.insertJob("completed", owner, 1, now.plusSeconds(1), now, now);
        List<String> matchingKeys = new ArrayList<>();
        matching.forEach(id -> matchingKeys.addAll(jobs.addBelongings(id)));
        List<String> keptKeys = new ArrayList<>();
        List.of(otherStatus, otherOwner, submittedLater).forEach(id -> keptKeys.addAll(jobs.addBelongings(id)));
        // a crash in the middle of a batch: two jobs claimed, one of their files already gone
        jobs.sql("UPDATE jobs SET deletion_id = $1 WHERE id = ANY($2)", deletion, new UUID[] {matching.get(0), matching.get(1)});
        jobs.deleteObject(matchingKeys.get(0));

        assertTrue(maintenance.runDeletions(now));

        Row done = jobs.deletion(deletion);
        assertEquals("done", done.getString("state"));
        assertEquals(5, done.getInteger("jobs_deleted"));
        assertEquals(matchingKeys.size() - 1, done.getLong("objects_deleted"));
        assertEquals(3, done.getInteger("batches"), "5 jobs in batches of 2: the interrupted batch, then 2, then 1");
        for (UUID id : matching) {
            assertNull(jobs.job(id));
            assertEquals(0, jobs.rows("chunks", id));
            assertEquals(0, jobs.rows("job_events", id));
        }
        matchingKeys.forEach(key -> assertFalse(jobs.objectExists(key), key + " is gone"));
        for (UUID id : List.of(otherStatus, otherOwner, submittedLater)) {
            Row job = jobs.job(id);
            assertEquals(1, jobs.rows("chunks", id));
            assertNull(job.getUUID("deletion_id"));
        }
        keptKeys.forEach(key -> assertTrue(jobs.objectExists(key), key + " is kept"));
    }

    @Test
    void aSingleJobDeletionTheApiLeftHalfDoneIsFinishedOnceItIsAbandoned() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID job = jobs.insertJob("processing", null, 1, now, now, null);
        List<String> keys = jobs.addBelongings(job);
        UUID deletion = UUID.randomUUID();
        jobs.sql("INSERT INTO deletions (id, kind, job_id, cutoff, state, created_at, updated_at)"
                + " VALUES ($1, 'job', $2, $3, 'running', $3, $3)", deletion, job, Jobs.at(now));
        jobs.sql("UPDATE jobs SET deletion_id = $1, status = 'cancelled' WHERE id = $2", deletion, job);

        assertTrue(maintenance.runDeletions(now));
        assertEquals(1, jobs.rows("jobs", job), "the API may still be working on it");

        assertTrue(maintenance.runDeletions(now.plus(Duration.ofMinutes(2))));
        assertNull(jobs.job(job));
        keys.forEach(key -> assertFalse(jobs.objectExists(key)));
        assertEquals("done", jobs.deletion(deletion).getString("state"));
    }
}
