package dev.stt.e2e.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.testing.SpeechFixtures;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing accepted is lost: workers killed with SIGKILL or stopped mid-chunk, Redis and PostgreSQL restarted mid-run.
 * Runs the built API and worker jars against a Redis and a PostgreSQL of its own, so it can restart them without
 * touching the shared ones; real ffmpeg and pocketsphinx on real speech, short chunks to keep it quick.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryE2ETest {

    private static final Duration DEADLINE = Duration.ofMinutes(12);
    private static final Pattern CHUNK_LINE = Pattern.compile("^Chunk (\\d+)/(\\d+) ");

    @TempDir
    static Path dir;

    static PrivateStack stack;
    static ServiceProcess workerA;
    static ServiceProcess workerB;

    @BeforeAll
    static void startStack() {
        stack = new PrivateStack(dir);
        stack.start();
        workerA = stack.startWorker("worker-a");
        workerB = stack.startWorker("worker-b");
    }

    @AfterAll
    static void stopStack() throws InterruptedException {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aWorkerKilledWhileTwentyJobsAreInFlightLosesNothing() throws InterruptedException {
        List<Path> clips = SpeechFixtures.clips();
        Path longRecording = SpeechFixtures.speechWav(dir);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            jobs.add(stack.submit(i % 7 == 0 ? longRecording : clips.get(i % clips.size())));
        }
        Processes.await("worker-a to hold unfinished entries", Duration.ofMinutes(2),
                () -> stack.pendingEntriesOf("worker-a") > 0);
        long heldByA = stack.pendingEntriesOf("worker-a");

        workerA.kill();
        stack.startWorker("worker-c");

        awaitAllCompleted(jobs);
        for (String job : jobs) {
            assertEachChunkStoredOnce(job);
        }
        Processes.await("the pending list to empty", Duration.ofSeconds(30), () -> stack.pendingEntries() == 0);
        assertEquals(0, stack.streamLength(), "acknowledged entries are deleted: no work left on the stream");
        assertTrue(heldByA > 0);
        assertEquals(0, stack.pendingEntriesOf("worker-a"), "what the killed worker held was taken over and finished");
    }

    @Test
    @Order(2)
    void aStoppingWorkerHandsBackItsUnfinishedChunksAtOnce() throws InterruptedException {
        Path longRecording = SpeechFixtures.speechWav(dir);
        // no grace at all: whatever is in flight when the stop comes must be handed back
        ServiceProcess leaving = stack.startWorker("worker-d", Map.of("STT_STREAM_SHUTDOWN_GRACE", "0s"));
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(stack.submit(longRecording));
        }
        Processes.await("worker-d to hold unfinished entries", Duration.ofMinutes(2),
                () -> stack.pendingEntriesOf("worker-d") > 0);

        leaving.stop();

        assertEquals(0, stack.pendingEntriesOf("worker-d"),
                "a worker stopped with SIGTERM finishes or hands back its entries; none wait for a visibility timeout");
        awaitAllCompleted(jobs);
        jobs.forEach(RecoveryE2ETest::assertEachChunkStoredOnce);
    }

    @Test
    @Order(3)
    void redisRestartedMidRunLosesNoAcceptedJob() {
        everyJobSurvives(() -> {
            stack.redis.stop();
            // while the queue is down nothing is accepted, and the client is told so
            assertEquals(503, stack.submitResponse(SpeechFixtures.clips().get(0)).statusCode());
            stack.redis.start();
        });
    }

    @Test
    @Order(4)
    void postgresRestartedMidRunLosesNoAcceptedJob() {
        everyJobSurvives(() -> {
            stack.postgres.stop();
            stack.postgres.start();
        });
    }

    @Test
    @Order(5)
    void aJobWhoseStreamEntryWasDeletedIsRecoveredFromTheDatabase() throws InterruptedException {
        // no worker reads while the entry disappears, as when the API dies between its database write and XADD
        for (ServiceProcess worker : stack.workers) {
            worker.stop();
        }
        String job = stack.submit(SpeechFixtures.clips().get(2));
        assertEquals(1, stack.streamLength(), "only the new job's entry is on the stream");
        stack.redis.cli("XTRIM", "stt:work", "MAXLEN", "0");
        assertEquals(0, stack.streamLength());

        stack.startWorker("worker-e");

        awaitAllCompleted(List.of(job));
        assertTrue(stack.logLines(job).contains("Its work entry was not on the stream; queued again"),
                () -> "log: " + stack.logLines(job));
    }

    /** Six jobs submitted, the outage once they are under way: every one of them completes, each chunk counted once. */
    private static void everyJobSurvives(Runnable outage) {
        List<String> jobs = submitShortJobs(6);
        awaitSomeProgress(jobs);

        outage.run();

        awaitAllCompleted(jobs);
        jobs.forEach(RecoveryE2ETest::assertEachChunkStoredOnce);
        Processes.await("the pending list to empty", Duration.ofSeconds(60), () -> stack.pendingEntries() == 0);
    }

    private static List<String> submitShortJobs(int count) {
        List<Path> clips = SpeechFixtures.clips();
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(stack.submit(clips.get(i % clips.size())));
        }
        return jobs;
    }

    private static void awaitSomeProgress(List<String> jobs) {
        Processes.await("a chunk of the new jobs to be done", Duration.ofMinutes(2),
                () -> jobs.stream().anyMatch(id -> stack.job(id).getInt("progress.chunks_done") > 0));
    }

    private static void awaitAllCompleted(List<String> jobs) {
        try {
            Processes.await(jobs.size() + " jobs to complete", DEADLINE, () -> jobs.stream()
                    .allMatch(id -> {
                        String status = stack.job(id).getString("status");
                        if (status.equals("failed") || status.equals("cancelled")) {
                            throw new AssertionError("job " + id + " ended " + status + ": " + stack.job(id).prettify()
                                    + "\nlog: " + stack.logLines(id));
                        }
                        return status.equals("completed");
                    }));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + stack.diagnostics(), e);
        }
    }

    /** Every chunk counted exactly once: its "Chunk k/n" log line, written when its result is stored, appears once. */
    private static void assertEachChunkStoredOnce(String jobId) {
        JsonPath job = stack.job(jobId);
        int total = job.getInt("progress.chunks_total");
        assertEquals(total, job.getInt("progress.chunks_done"), jobId);
        Set<Integer> seen = new TreeSet<>();
        int lines = 0;
        for (String line : stack.logLines(jobId)) {
            Matcher chunk = CHUNK_LINE.matcher(line);
            if (chunk.find()) {
                lines++;
                seen.add(Integer.parseInt(chunk.group(1)));
                assertEquals(total, Integer.parseInt(chunk.group(2)));
            }
        }
        assertEquals(total, lines, () -> "one stored result per chunk in " + stack.logLines(jobId));
        assertEquals(total, seen.size());
    }
}
