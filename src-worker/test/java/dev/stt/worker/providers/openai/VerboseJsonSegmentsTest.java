package dev.stt.worker.providers.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerboseJsonSegmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void openAisTopLevelWordsGoToTheSegmentDuringWhichTheyAreSpoken() throws Exception {
        // OpenAI's shape: words listed once at the top level, without probabilities
        List<Segment> segments = map("""
                {"text": "Hello there. General Kenobi.", "duration": 4.2,
                 "segments": [{"id": 0, "start": 0.0, "end": 1.9, "text": " Hello there.", "tokens": [1, 2]},
                              {"id": 1, "start": 1.9, "end": 4.4, "text": " General Kenobi.", "no_speech_prob": 0.01}],
                 "words": [{"word": "Hello", "start": 0.1, "end": 0.6}, {"word": "there", "start": 0.7, "end": 1.95},
                           {"word": "General", "start": 2.0, "end": 2.6}, {"word": "Kenobi", "start": 2.7, "end": 4.4}]}
                """, 4.2);

        assertEquals(2, segments.size());
        assertEquals("Hello there.", segments.get(0).text());
        assertEquals(List.of("Hello", "there"), segments.get(0).words().stream().map(Word::word).toList());
        assertEquals(List.of("General", "Kenobi"), segments.get(1).words().stream().map(Word::word).toList());
        assertNull(segments.get(1).words().get(0).confidence());
        assertEquals(4.2, segments.get(1).end(), 1e-9, "times are kept inside the chunk");
        assertEquals(4.2, segments.get(1).words().get(1).end(), 1e-9);
    }

    @Test
    void wordsNestedInSegmentsAreUsedWithTheirProbabilities() throws Exception {
        // faster-whisper engines (speaches) nest words and give probabilities
        List<Segment> segments = map("""
                {"text": "one two", "segments": [{"start": 0.0, "end": 1.0, "text": "one two",
                  "words": [{"word": " one", "start": 0.0, "end": 0.4, "probability": 0.93},
                            {"word": " two", "start": 0.5, "end": 0.9, "probability": 1.2}]}]}
                """, 10);

        assertEquals(1, segments.size());
        assertEquals(new Word(0.0, 0.4, "one", 0.93), segments.get(0).words().get(0));
        assertEquals(1.0, segments.get(0).words().get(1).confidence(), "clamped into [0, 1]");
    }

    @Test
    void withoutSegmentsTheWordsOrTheTextMakeOne() throws Exception {
        List<Segment> fromWords = map("""
                {"text": "", "words": [{"word": "a", "start": 1.0, "end": 1.2}, {"word": "b", "start": 1.3, "end": 1.5}]}
                """, 5);
        List<Segment> fromText = map("{\"text\": \"just text\", \"duration\": 3.0}", 5);
        List<Segment> silence = map("{\"text\": \"\", \"segments\": [], \"words\": []}", 5);

        assertEquals(List.of(new Segment(1.0, 1.5, "a b", List.of(new Word(1.0, 1.2, "a", null), new Word(1.3, 1.5, "b", null)))), fromWords);
        assertEquals(List.of(new Segment(0, 3.0, "just text", List.of())), fromText);
        assertTrue(silence.isEmpty());
    }

    private static List<Segment> map(String json, double chunkSeconds) throws Exception {
        return VerboseJsonSegments.of(JSON.readValue(json, VerboseTranscription.class), chunkSeconds);
    }
}
