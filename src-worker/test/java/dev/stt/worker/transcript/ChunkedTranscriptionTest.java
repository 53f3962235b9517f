package dev.stt.worker.transcript;

import dev.stt.common.testing.SubtitleValidator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.testing.ConfigMappings;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.testing.WordErrorRate;
import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Transcript;
import dev.stt.common.transcript.TranscriptFormat;
import dev.stt.worker.audio.AudioChunk;
import dev.stt.worker.audio.AudioChunker;
import dev.stt.worker.audio.AudioConfig;
import dev.stt.worker.audio.PreparedAudio;
import dev.stt.worker.providers.PocketsphinxConfig;
import dev.stt.worker.providers.PocketsphinxProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's path without the infrastructure: chunk a recording, transcribe every chunk, merge, render. */
class ChunkedTranscriptionTest {

    /** The single-pass bound of {@code PocketsphinxProviderTest}: cutting in pauses must not cost words (measured 0.352). */
    private static final double MAX_WER = 0.38;

    @TempDir
    static Path dir;

    @Test
    void chunkingThenMergingKeepsAccuracyAndTimeOrder() {
        Path upload = SpeechFixtures.speechWav(dir);
        AudioChunker chunker = new AudioChunker(ConfigMappings.withDefaults(AudioConfig.class));
        PocketsphinxProvider provider = new PocketsphinxProvider(ConfigMappings.withDefaults(PocketsphinxConfig.class));

        PreparedAudio prepared = chunker.prepare(upload, dir.resolve("job"), 10);
        List<ChunkTranscript> results = new ArrayList<>();
        for (AudioChunk chunk : prepared.chunks()) {
            results.add(new ChunkTranscript(chunk.span().startSeconds(), provider.name(),
                    provider.transcribe(chunk.file(), "en")));
        }
        Transcript transcript = TranscriptMerger.merge(results, "en", prepared.durationSeconds());

        assertTrue(prepared.chunks().size() >= 2, prepared.chunks().size() + " chunks");
        WordErrorRate.Errors errors = WordErrorRate.errors(SpeechFixtures.referenceText(), transcript.text());
        System.out.println("pocketsphinx, " + prepared.chunks().size() + " chunks of ~10 s: " + errors);
        assertTrue(errors.rate() <= MAX_WER, errors + "\n" + transcript.text());
        assertEquals("pocketsphinx", transcript.provider());
        TranscriptMergerTest.assertMonotonic(transcript);
        for (Segment segment : transcript.segments()) {
            assertTrue(segment.end() <= prepared.durationSeconds(), "within the recording: " + segment);
        }
        TranscriptRenderer renderer = new TranscriptRenderer(new ObjectMapper());
        assertEquals(SubtitleValidator.validSrt(renderer.render(transcript, TranscriptFormat.SRT)).size(),
                SubtitleValidator.validVtt(renderer.render(transcript, TranscriptFormat.VTT)).size());
    }
}
