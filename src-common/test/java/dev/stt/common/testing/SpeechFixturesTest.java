package dev.stt.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpeechFixturesTest {

    @TempDir
    static Path dir;

    @Test
    void clipsFollowTheFileIdsOrder() {
        List<Path> clips = SpeechFixtures.clips();
        assertEquals(5, clips.size());
        assertTrue(clips.get(0).getFileName().toString().endsWith("0870.wav"));
        assertTrue(clips.get(4).getFileName().toString().endsWith("0930.wav"));
        clips.forEach(clip -> assertTrue(Files.isRegularFile(clip), clip::toString));
    }

    @Test
    void referenceTextHasEveryClipsWordsWithoutMarkers() {
        String reference = SpeechFixtures.referenceText();
        assertTrue(reference.startsWith("and mister john dashwood had then leisure"), reference);
        assertTrue(reference.contains("power to do for them he was not an ill disposed young man unless"), reference);
        assertTrue(reference.endsWith("he might even have been made amiable himself"), reference);
        assertFalse(reference.contains("<s>") || reference.contains("(") || reference.contains("  "), reference);
        assertEquals(71, WordErrorRate.words(reference).size());
    }

    @Test
    void speechWavIsTheClipsWithGapsBetween() {
        Path speech = SpeechFixtures.speechWav(dir);
        double clipsSeconds = SpeechFixtures.clips().stream().mapToDouble(SpeechFixtures::durationSeconds).sum();
        assertEquals(clipsSeconds + 4 * SpeechFixtures.GAP_SECONDS, SpeechFixtures.durationSeconds(speech), 0.01);
        assertEquals(SpeechFixtures.durationSeconds(speech), SpeechFixtures.speechSeconds(), 0.01);
    }

    @Test
    void speechWavIsBuiltOnceAndThenReused() throws IOException {
        Path first = SpeechFixtures.speechWav(dir);
        FileTime built = Files.getLastModifiedTime(first);
        Path second = SpeechFixtures.speechWav(dir);
        assertEquals(first, second);
        assertEquals(built, Files.getLastModifiedTime(second));
    }

    @Test
    void repeatedSpeechLastsAtLeastWhatWasAskedFor() {
        int repetitions = SpeechFixtures.repetitionsFor(120);
        Path repeated = SpeechFixtures.repeatedSpeechWav(dir, 120);
        double seconds = SpeechFixtures.durationSeconds(repeated);
        assertTrue(seconds >= 120, "lasts " + seconds);
        double expected = repetitions * SpeechFixtures.speechSeconds() + (repetitions - 1) * SpeechFixtures.GAP_SECONDS;
        assertEquals(expected, seconds, 0.01);
        assertTrue(seconds - SpeechFixtures.speechSeconds() < 120, "one repetition fewer would have been enough");
        assertEquals(repetitions * 71, WordErrorRate.words(SpeechFixtures.repeatedReferenceText(repetitions)).size());
    }

    @ParameterizedTest
    @EnumSource(AudioFixtureFormat.class)
    void encodesEveryFormatWithTheSpeechsDuration(AudioFixtureFormat format) {
        Path encoded = SpeechFixtures.encode(SpeechFixtures.speechWav(dir), format, dir);
        assertTrue(encoded.getFileName().toString().endsWith("." + format.extension()), encoded::toString);
        assertEquals(SpeechFixtures.speechSeconds(), SpeechFixtures.durationSeconds(encoded), 0.15, format.name());
    }
}
