package dev.stt.worker.transcript;

import dev.stt.common.testing.SubtitleValidator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Transcript;
import dev.stt.common.transcript.TranscriptFormat;
import dev.stt.common.transcript.Word;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptRendererTest {

    private final ObjectMapper objectMapper = new ObjectMapper();
    private final TranscriptRenderer renderer = new TranscriptRenderer(objectMapper);

    private static final Transcript TWO_SEGMENTS = new Transcript("he was not an ill disposed young man", "en", 10.5,
            List.of(
                    new Segment(1.0, 4.5, "he was not", List.of(
                            new Word(1.0, 1.5, "he", 0.99), new Word(1.6, 2.5, "was", 0.5), new Word(2.6, 4.5, "not", null))),
                    new Segment(6.25, 9.125, "an ill disposed young man", List.of())),
            "pocketsphinx");

    @Test
    void srtNumbersCuesFromOneWithCommaMilliseconds() {
        String srt = renderer.render(TWO_SEGMENTS, TranscriptFormat.SRT);

        assertEquals("1\n00:00:01,000 --> 00:00:04,500\nhe was not\n\n"
                + "2\n00:00:06,250 --> 00:00:09,125\nan ill disposed young man\n\n", srt);
        assertEquals(2, SubtitleValidator.validSrt(srt).size());
    }

    @Test
    void vttHasItsHeaderAndDotMilliseconds() {
        String vtt = renderer.render(TWO_SEGMENTS, TranscriptFormat.VTT);

        assertEquals("WEBVTT\n\n00:00:01.000 --> 00:00:04.500\nhe was not\n\n"
                + "00:00:06.250 --> 00:00:09.125\nan ill disposed young man\n\n", vtt);
        assertEquals(2, SubtitleValidator.validVtt(vtt).size());
    }

    @Test
    void textHasOneSegmentPerLine() {
        assertEquals("he was not\nan ill disposed young man\n", renderer.render(TWO_SEGMENTS, TranscriptFormat.TXT));
    }

    @Test
    void jsonUsesSnakeCaseAndReadsBackToTheSameTranscript() throws Exception {
        String json = renderer.render(TWO_SEGMENTS, TranscriptFormat.JSON);

        JsonNode tree = objectMapper.readTree(json);
        assertEquals(10.5, tree.get("duration_seconds").asDouble());
        assertEquals("pocketsphinx", tree.get("provider").asText());
        JsonNode firstWord = tree.get("segments").get(0).get("words").get(0);
        assertEquals("he", firstWord.get("word").asText());
        assertEquals(0.99, firstWord.get("confidence").asDouble());
        assertFalse(tree.get("segments").get(0).get("words").get(2).has("confidence"), "no confidence, no member");
        assertEquals(TWO_SEGMENTS, objectMapper.readValue(json, Transcript.class));
    }

    @Test
    void splitsALongSegmentIntoShortCuesAlongItsWords() {
        List<Word> words = new ArrayList<>();
        String[] vocabulary = {"and", "mister", "john", "dashwood", "had", "then", "leisure", "to", "consider", "how"};
        for (int i = 0; i < 60; i++) {
            words.add(new Word(30 + i * 0.5, 30 + i * 0.5 + 0.4, vocabulary[i % vocabulary.length], 0.8));
        }
        String text = String.join(" ", words.stream().map(Word::word).toList());
        Transcript transcript = new Transcript(text, "en", 70, List.of(new Segment(30, 59.9, text, words)), "pocketsphinx");

        List<SubtitleValidator.ParsedCue> cues = SubtitleValidator.validSrt(renderer.render(transcript, TranscriptFormat.SRT));

        assertTrue(cues.size() >= 5, cues.size() + " cues for 30 s");
        StringBuilder rejoined = new StringBuilder();
        for (SubtitleValidator.ParsedCue cue : cues) {
            String cueText = String.join(" ", cue.lines());
            assertTrue(cue.endMillis() - cue.startMillis() <= 7000, "at most 7 s: " + cue);
            assertTrue(cueText.length() <= 84, "at most 84 characters: " + cue);
            cue.lines().forEach(line -> assertTrue(line.length() <= 42, "lines of at most 42 characters: " + line));
            rejoined.append(rejoined.length() == 0 ? "" : " ").append(cueText);
        }
        assertEquals(text, rejoined.toString(), "every word once, in order");
        assertEquals(30_000, cues.get(0).startMillis(), "the first cue starts with the first word");
        assertEquals(59_900, cues.get(cues.size() - 1).endMillis(), "the last cue ends with the last word");
        assertEquals(cues.size(), SubtitleValidator.validVtt(renderer.render(transcript, TranscriptFormat.VTT)).size());
    }

    @Test
    void keepsTheSegmentsPunctuationWhenSplittingByWords() {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            words.add(new Word(i, i + 0.8, "word" + i, null));
        }
        String text = String.join(" ", words.stream().map(w -> w.word() + (w.word().endsWith("5") ? "," : "")).toList()) + ".";
        Transcript transcript = new Transcript(text, "en", 20, List.of(new Segment(0, 19.8, text, words)), "openai");

        String vtt = renderer.render(transcript, TranscriptFormat.VTT);

        SubtitleValidator.validVtt(vtt);
        assertTrue(vtt.contains("word5,") && vtt.contains("word19."), vtt);
    }

    @Test
    void aLongSegmentWithoutWordsStaysOneWrappedCue() {
        String text = "unless to be rather cold hearted and rather selfish is to be ill disposed he was not an ill "
                + "disposed young man";
        Transcript transcript = new Transcript(text, "en", 20, List.of(new Segment(2, 17, text, List.of())), "gemini");

        List<SubtitleValidator.ParsedCue> cues = SubtitleValidator.validSrt(renderer.render(transcript, TranscriptFormat.SRT));

        assertEquals(1, cues.size());
        assertEquals(2000, cues.get(0).startMillis());
        assertEquals(17000, cues.get(0).endMillis());
        assertEquals(text, String.join(" ", cues.get(0).lines()));
        cues.get(0).lines().forEach(line -> assertTrue(line.length() <= 42, line));
    }

    @Test
    void timesPastAnHourAndPastNinetyNineHoursStayWellFormed() {
        Transcript transcript = new Transcript("late later", "en", 360_010, List.of(
                new Segment(5999.5, 6003.25, "late", List.of()),
                new Segment(360_000, 360_001.5, "later", List.of())), "pocketsphinx");

        String srt = renderer.render(transcript, TranscriptFormat.SRT);
        String vtt = renderer.render(transcript, TranscriptFormat.VTT);

        assertTrue(srt.contains("01:39:59,500 --> 01:40:03,250"), srt);
        assertTrue(srt.contains("100:00:00,000 --> 100:00:01,500"), srt);
        assertTrue(vtt.contains("01:39:59.500 --> 01:40:03.250"), vtt);
        assertEquals(2, SubtitleValidator.validSrt(srt).size());
        assertEquals(2, SubtitleValidator.validVtt(vtt).size());
    }

    @Test
    void degenerateTimesStillGiveCuesThatEndAfterTheyStartInOrder() {
        Transcript transcript = new Transcript("a b c d", "en", 5, List.of(
                new Segment(-0.2, 1.0, "a", List.of()),
                new Segment(2.0, 2.0, "b", List.of()),
                new Segment(1.5, 3.0, "c --> d", List.of()),
                new Segment(3.0, 3.0, "   ", List.of())), "pocketsphinx");

        List<SubtitleValidator.ParsedCue> srt = SubtitleValidator.validSrt(renderer.render(transcript, TranscriptFormat.SRT));
        List<SubtitleValidator.ParsedCue> vtt = SubtitleValidator.validVtt(renderer.render(transcript, TranscriptFormat.VTT));

        assertEquals(3, srt.size());
        assertEquals(3, vtt.size());
        assertEquals(0, srt.get(0).startMillis());
        assertEquals(List.of("c -> d"), vtt.get(2).lines());
    }

    @Test
    void anEmptyTranscriptRendersValidEmptyDocuments() {
        Transcript empty = new Transcript("", "en", 3.0, List.of(), "pocketsphinx");

        assertEquals("", renderer.render(empty, TranscriptFormat.SRT));
        assertEquals(List.of(), SubtitleValidator.validSrt(renderer.render(empty, TranscriptFormat.SRT)));
        assertEquals("WEBVTT\n\n", renderer.render(empty, TranscriptFormat.VTT));
        assertEquals(List.of(), SubtitleValidator.validVtt(renderer.render(empty, TranscriptFormat.VTT)));
        assertEquals("", renderer.render(empty, TranscriptFormat.TXT));
        assertTrue(renderer.render(empty, TranscriptFormat.JSON).contains("\"segments\":[]"));
    }

    @Test
    void timestampsCarryHoursBeyondTwoDigits() {
        assertEquals("00:00:00,000", TranscriptRenderer.timestamp(0, ','));
        assertEquals("02:05:03.500", TranscriptRenderer.timestamp(7_503_500, '.'));
        assertEquals("123:00:00,001", TranscriptRenderer.timestamp(123L * 3_600_000 + 1, ','));
    }
}
