package dev.stt.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.stream.WorkItem;
import dev.stt.common.testing.AudioFixtureFormat;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.testing.WordErrorRate;
import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Transcript;
import dev.stt.common.transcript.TranscriptFormat;
import dev.stt.common.transcript.Word;
import dev.stt.worker.support.Jobs;
import dev.stt.worker.support.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole worker pipeline on real speech: S3 → ffmpeg → chunks on the stream → pocketsphinx → merged transcript. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class PipelineTest {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    static Path fixtures;

    @Inject
    Jobs jobs;

    @Inject
    ObjectMapper json;

    @Test
    void aRecordingIsSplitTranscribedChunkByChunkAndMerged() throws Exception {
        Path speech = SpeechFixtures.speechWav(fixtures);
        UUID id = jobs.submit(speech);

        Row job = jobs.awaitFinished(id, DEADLINE);
        assertEquals("completed", job.getString("status"), () -> "log: " + jobs.logLines(id));

        List<Row> chunks = jobs.chunks(id);
        assertTrue(chunks.size() >= 3, "27 s at 8 s per chunk makes several chunks, got " + chunks.size());
        assertEquals(chunks.size(), job.getInteger("chunks_total"));
        assertEquals(chunks.size(), job.getInteger("chunks_done"));
        for (Row chunk : chunks) {
            assertEquals("done", chunk.getString("status"));
            assertEquals("test-worker", chunk.getString("worker_id"));
            assertEquals("pocketsphinx", chunk.getString("provider"));
        }
        assertEquals(0.0, chunks.get(0).getDouble("start_seconds"));
        for (int i = 1; i < chunks.size(); i++) {
            assertEquals(chunks.get(i - 1).getDouble("end_seconds"), chunks.get(i).getDouble("start_seconds"), 1e-6,
                    "chunks cover the recording without gaps");
        }

        double duration = SpeechFixtures.durationSeconds(speech);
        Transcript transcript = json.readValue(jobs.object(ObjectKeys.transcript(id, TranscriptFormat.JSON)), Transcript.class);
        assertEquals(duration, transcript.durationSeconds(), 0.1);
        assertEquals("pocketsphinx", transcript.provider());
        assertTimesAreMonotonicWithin(transcript, duration);

        String text = jobs.object(ObjectKeys.transcript(id, TranscriptFormat.TXT));
        double wer = WordErrorRate.of(SpeechFixtures.referenceText(), text);
        assertTrue(wer <= 0.40, "word error rate " + wer + " for: " + text);
        assertTrue(jobs.object(ObjectKeys.transcript(id, TranscriptFormat.SRT)).startsWith("1\n00:00:"));
        assertTrue(jobs.object(ObjectKeys.transcript(id, TranscriptFormat.VTT)).startsWith("WEBVTT\n"));
        assertFalse(jobs.objectExists(ObjectKeys.jobPrefix(id) + "chunks/"), "chunk audio is removed once merged");
        awaitNoPendingEntries();

        // the same chunk delivered again (a redelivery after a crash) is not counted twice
        jobs.publish(WorkItem.transcribe(id, 0, "redelivery"));
        awaitNoPendingEntries();
        assertEquals(chunks.size(), jobs.job(id).getInteger("chunks_done"));
        long chunkLines = jobs.logLines(id).stream().filter(line -> line.startsWith("Chunk 1/")).count();
        assertEquals(1, chunkLines);
    }

    @ParameterizedTest
    @EnumSource(value = AudioFixtureFormat.class, names = {"MP3", "FLAC", "OGG_OPUS", "M4A", "WEBM", "MP4_VIDEO"})
    void everyAcceptedFormatTranscribes(AudioFixtureFormat format) {
        Path encoded = SpeechFixtures.encode(SpeechFixtures.speechWav(fixtures), format, fixtures);
        UUID id = jobs.submit(encoded);

        Row job = jobs.awaitFinished(id, DEADLINE);

        assertEquals("completed", job.getString("status"), () -> "log: " + jobs.logLines(id));
        double wer = WordErrorRate.of(SpeechFixtures.referenceText(), jobs.object(ObjectKeys.transcript(id, TranscriptFormat.TXT)));
        assertTrue(wer <= 0.45, format + " word error rate " + wer);
    }

    @Test
    void bytesThatAreNotAudioFailTheJobWithAClearCode() {
        byte[] html = "<!doctype html><html><body>not audio</body></html>".getBytes(StandardCharsets.UTF_8);
        UUID id = jobs.submit(html, "song.mp3");

        Row job = jobs.awaitFinished(id, DEADLINE);

        assertEquals("failed", job.getString("status"));
        assertEquals("invalid_audio", job.getString("error_code"));
        String message = job.getString("error_message");
        assertNotNull(message);
        assertFalse(message.contains("Exception") || message.contains("ffmpeg"), "no internals in: " + message);
        assertTrue(jobs.logLines(id).stream().anyMatch(line -> line.contains("invalid_audio")));
        awaitNoPendingEntries();
    }

    @Test
    void entriesForJobsThatNoLongerExistAreDropped() {
        UUID missing = UUID.randomUUID();
        jobs.publish(WorkItem.split(missing, "gone"));
        jobs.publish(WorkItem.transcribe(missing, 3, "gone"));

        awaitNoPendingEntries();

        assertEquals(null, jobs.job(missing));
        assertTrue(jobs.chunks(missing).isEmpty());
    }

    private void awaitNoPendingEntries() {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        // an entry is pending from delivery to acknowledgement; zero pending (and nothing undelivered) means all were handled
        while (jobs.pendingEntries() > 0 || jobs.undeliveredEntries() > 0) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError(jobs.pendingEntries() + " entries still pending");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static void assertTimesAreMonotonicWithin(Transcript transcript, double duration) {
        double last = 0;
        assertFalse(transcript.segments().isEmpty());
        for (Segment segment : transcript.segments()) {
            assertTrue(segment.start() >= last - 1e-6, "segments in order at " + segment.start());
            assertTrue(segment.end() >= segment.start());
            for (Word word : segment.words()) {
                assertTrue(word.start() >= last - 1e-6, "words in order at " + word.start());
                last = word.start();
            }
            last = Math.max(last, segment.start());
        }
        Segment lastSegment = transcript.segments().get(transcript.segments().size() - 1);
        assertTrue(lastSegment.end() <= duration + 0.05, "ends within the recording: " + lastSegment.end());
    }
}
