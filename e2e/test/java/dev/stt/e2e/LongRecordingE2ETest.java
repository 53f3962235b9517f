package dev.stt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.testing.SubtitleValidator;
import dev.stt.common.testing.WordErrorRate;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ten-minute recording through the running stack with two worker processes: its chunks spread over
 * both workers, run in parallel, and merge into one transcript with recording-relative times.
 */
class LongRecordingE2ETest {

    private static final Pattern CHUNK_LINE = Pattern.compile(
            "Chunk (\\d+)/(\\d+) \\(.*\\) transcribed by (\\S+) with (\\S+) in ([\\d.]+) s");

    @TempDir
    Path dir;

    @Test
    void aTenMinuteRecordingIsSharedByTwoWorkersAndMergedInOrder() {
        Path recording = SpeechFixtures.repeatedSpeechWav(dir, 600);
        double duration = SpeechFixtures.durationSeconds(recording);
        int repetitions = SpeechFixtures.repetitionsFor(600);

        String id = Stack.submit(recording);
        JsonPath job = Stack.awaitFinished(id, Duration.ofMinutes(20));

        assertEquals("completed", job.getString("status"), () -> "job: " + job.prettify() + " log: " + Stack.logLines(id));
        assertEquals(duration, job.getDouble("duration_seconds"), 0.5);
        int chunks = job.getInt("progress.chunks_total");
        assertTrue(chunks >= 8, "ten minutes at 60 s per chunk: " + chunks + " chunks");
        assertEquals(chunks, job.getInt("progress.chunks_done"));

        // which worker did each chunk, and how long it took, as the job's log shows it
        Map<Integer, String> workerOfChunk = new HashMap<>();
        double transcribingSeconds = 0;
        for (String line : Stack.logLines(id)) {
            Matcher m = CHUNK_LINE.matcher(line);
            if (m.find()) {
                String previous = workerOfChunk.put(Integer.parseInt(m.group(1)), m.group(3));
                assertEquals(null, previous, "chunk " + m.group(1) + " counted twice");
                transcribingSeconds += Double.parseDouble(m.group(5));
            }
        }
        assertEquals(chunks, workerOfChunk.size(), "every chunk is logged once");
        Set<String> workers = new TreeSet<>(workerOfChunk.values());
        assertEquals(2, workers.size(), "both worker processes took chunks: " + workerOfChunk);

        double wall = wallSecondsFromSplitToCompletion(id, job);
        System.out.printf("10-minute recording: %d chunks, %.0f s of transcription in %.0f s wall (x%.2f parallel), workers %s%n",
                chunks, transcribingSeconds, wall, transcribingSeconds / wall, workers);
        assertTrue(transcribingSeconds > 1.3 * wall,
                "chunks ran in parallel: " + transcribingSeconds + " s of work in " + wall + " s");

        JsonPath transcript = JsonPath.from(Stack.transcript(id, "json"));
        List<Float> starts = transcript.getList("segments.start", Float.class);
        List<Float> ends = transcript.getList("segments.end", Float.class);
        for (int i = 1; i < starts.size(); i++) {
            assertTrue(starts.get(i) >= starts.get(i - 1), "segment " + i + " starts in order");
        }
        assertTrue(ends.get(ends.size() - 1) <= duration + 0.05, "the last segment ends within the recording");
        assertTrue(starts.get(starts.size() - 1) > duration - 120, "segments reach the end of the recording");

        assertCuesWithin(SubtitleValidator.validSrt(Stack.transcript(id, "srt")), duration);
        assertCuesWithin(SubtitleValidator.validVtt(Stack.transcript(id, "vtt")), duration);

        double wer = WordErrorRate.of(SpeechFixtures.repeatedReferenceText(repetitions), Stack.transcript(id, "txt"));
        System.out.printf("10-minute recording: WER %.3f%n", wer);
        assertTrue(wer <= 0.40, "word error rate " + wer);
    }

    private static void assertCuesWithin(List<SubtitleValidator.ParsedCue> cues, double duration) {
        assertTrue(cues.size() >= 10, "subtitles cover ten minutes of speech: " + cues.size() + " cues");
        long lastEnd = cues.get(cues.size() - 1).endMillis();
        assertTrue(lastEnd <= Math.round((duration + 0.05) * 1000), "the last cue ends within the recording: " + lastEnd);
    }

    private static double wallSecondsFromSplitToCompletion(String id, JsonPath job) {
        JsonPath logs = Stack.api().queryParam("limit", 1000).get("/api/v1/jobs/" + id + "/logs").jsonPath();
        List<String> messages = logs.getList("lines.message", String.class);
        List<String> times = logs.getList("lines.timestamp", String.class);
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).contains("split into")) {
                return Duration.between(Instant.parse(times.get(i)), Instant.parse(job.getString("completed_at"))).toMillis() / 1000.0;
            }
        }
        throw new AssertionError("no split line in the job's log: " + messages);
    }
}
