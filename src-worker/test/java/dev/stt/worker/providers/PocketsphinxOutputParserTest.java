package dev.stt.worker.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Word;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PocketsphinxOutputParserTest {

    private static final double EXACT = 1e-9;

    /** Captured from {@code pocketsphinx_continuous -infile speech.wav -time yes -logfn /dev/null} on the speech fixture. */
    private static String captured(String name) throws IOException {
        try (InputStream in = PocketsphinxOutputParserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void oneSegmentPerUtteranceOfTheRealOutput() throws IOException {
        List<Segment> segments = PocketsphinxOutputParser.parse(captured("pocketsphinx-speech.txt"));

        assertEquals(5, segments.size());
        assertEquals("he was not until this blows young man", segments.get(1).text());
        assertEquals("he might even have been made a real ball itself", segments.get(4).text());
        Segment first = segments.get(0);
        assertEquals("and mr john s. would and then at leisure to consider how much there might be greatly in his power to do how about",
                first.text());
        assertEquals(0.150, first.start(), EXACT, "starts at the first real word, not at <s>");
        assertEquals(7.070, first.end(), EXACT, "ends at the last real word, not at </s>");
    }

    @Test
    void dropsMarkersAndSilencesAndStripsPronunciationVariants() throws IOException {
        List<Segment> segments = PocketsphinxOutputParser.parse(captured("pocketsphinx-speech.txt"));

        Segment first = segments.get(0);
        assertEquals(new Word(0.150, 0.360, "and", 0.221181), first.words().get(0));
        assertEquals(new Word(2.260, 2.710, "leisure", 0.488858), first.words().get(8));
        assertEquals(new Word(3.940, 4.320, "much", 0.985406), first.words().get(12), "<sil> before 'much' dropped");
        // "to(3)" and "the(2)" in the third utterance
        assertTrue(segments.get(2).text().contains("is to the oldest those"), segments.get(2).text());
        for (Segment segment : segments) {
            assertEquals(segment.text(), String.join(" ", segment.words().stream().map(Word::word).toList()));
            for (Word word : segment.words()) {
                assertFalse(word.word().matches(".*[<>()\\[\\]+].*"), word.word());
            }
        }
    }

    @Test
    void anUtteranceWithoutWordsGivesNoSegment() throws IOException {
        // pocketsphinx's answer to three seconds of white noise: an empty hypothesis, then only <s> and </s>
        assertEquals(List.of(), PocketsphinxOutputParser.parse(captured("pocketsphinx-noise.txt")));
        assertEquals(List.of(), PocketsphinxOutputParser.parse(""));
    }

    @Test
    void dropsNoiseFillersAndClampsConfidence() {
        String output = String.join("\n",
                "hello world",
                "<s> 0.000 0.100 0.999",
                "[NOISE] 0.110 0.300 0.500",
                "hello 0.310 0.600 1.000100",
                "++BREATH++ 0.610 0.700 0.3",
                "world(2) 0.710 1.000 0.25",
                "</s> 1.010 1.100 1.000");

        List<Segment> segments = PocketsphinxOutputParser.parse(output);

        assertEquals(List.of(new Segment(0.310, 1.000, "hello world", List.of(
                new Word(0.310, 0.600, "hello", 1.0),
                new Word(0.710, 1.000, "world", 0.25)))), segments);
    }
}
