package dev.stt.worker.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Transcript;
import dev.stt.common.transcript.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptMergerTest {

    private static final double EXACT = 1e-9;

    private static Segment segment(double start, String... words) {
        List<Word> timed = new java.util.ArrayList<>();
        double t = start;
        for (String word : words) {
            timed.add(new Word(t, t + 0.4, word, 0.9));
            t += 0.5;
        }
        return new Segment(start, t - 0.1, String.join(" ", words), timed);
    }

    @Test
    void shiftsEveryChunksTimesByWhereTheChunkStarts() {
        ChunkTranscript first = new ChunkTranscript(0, "pocketsphinx",
                List.of(segment(0.15, "he", "was", "not"), segment(3.2, "an", "ill", "disposed")));
        ChunkTranscript second = new ChunkTranscript(58.75, "pocketsphinx", List.of(segment(1.25, "young", "man")));

        Transcript transcript = TranscriptMerger.merge(List.of(first, second), "en", 61.5);

        Segment shifted = transcript.segments().get(2);
        assertEquals(60.0, shifted.start(), EXACT, "chunk start + relative start");
        assertEquals(60.0, shifted.words().get(0).start(), EXACT);
        assertEquals(60.9, shifted.words().get(1).end(), EXACT);
        assertEquals(0.15, transcript.segments().get(0).start(), EXACT, "the first chunk is not moved");
        assertEquals("he was not an ill disposed young man", transcript.text());
        assertEquals("en", transcript.language());
        assertEquals(61.5, transcript.durationSeconds(), EXACT);
        assertEquals("pocketsphinx", transcript.provider());
        assertMonotonic(transcript);
    }

    @Test
    void ordersChunksByStartWhateverOrderTheyFinishedIn() {
        Transcript transcript = TranscriptMerger.merge(List.of(
                new ChunkTranscript(120, "pocketsphinx", List.of(segment(0.5, "three"))),
                new ChunkTranscript(0, "pocketsphinx", List.of(segment(0.5, "one"))),
                new ChunkTranscript(60, "pocketsphinx", List.of(segment(0.5, "two")))), null, 150);

        assertEquals("one two three", transcript.text());
        assertMonotonic(transcript);
    }

    @Test
    void namesEveryProviderUsedInOrderOfFirstUse() {
        Transcript transcript = TranscriptMerger.merge(List.of(
                new ChunkTranscript(0, "openai", List.of(segment(0, "a"))),
                new ChunkTranscript(60, "pocketsphinx", List.of(segment(0, "b"))),
                new ChunkTranscript(120, "openai", List.of(segment(0, "c"))),
                new ChunkTranscript(180, "gemini", List.of())), "en", 200);

        assertEquals("openai,pocketsphinx,gemini", transcript.provider());
    }

    @Test
    void silentChunksAndBlankSegmentsLeaveNoTrace() {
        Transcript transcript = TranscriptMerger.merge(List.of(
                new ChunkTranscript(0, "pocketsphinx", List.of()),
                new ChunkTranscript(60, "pocketsphinx", List.of(new Segment(1, 2, "  ", List.of()), segment(3, "hello"))),
                new ChunkTranscript(120, "pocketsphinx", List.of(new Segment(0, 1, " world\n again ", List.of())))), "en", 130);

        assertEquals(2, transcript.segments().size());
        assertEquals("hello world again", transcript.text());
    }

    @Test
    void noChunksGiveAnEmptyTranscript() {
        Transcript transcript = TranscriptMerger.merge(List.of(), "en", 0);
        assertEquals("", transcript.text());
        assertTrue(transcript.segments().isEmpty());
        assertNull(transcript.provider());
    }

    static void assertMonotonic(Transcript transcript) {
        double previous = 0;
        for (Segment segment : transcript.segments()) {
            assertTrue(segment.start() >= previous && segment.end() >= segment.start(), "segment " + segment);
            for (Word word : segment.words()) {
                assertTrue(word.start() >= previous && word.end() >= word.start(), "word " + word);
                previous = word.end();
            }
            previous = Math.max(previous, segment.end());
        }
    }
}
