package dev.stt.worker.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.testing.ConfigMappings;
import dev.stt.common.testing.SpeechFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilenceDetectorTest {

    @TempDir
    static Path dir;

    @Test
    void findsTheGapsBetweenTheClips() {
        AudioConfig config = ConfigMappings.withDefaults(AudioConfig.class);
        SilenceDetector detector = new SilenceDetector(FfmpegRunner.from(config),
                config.silenceThresholdDb(), config.silenceMinSeconds());
        Path speech = SpeechFixtures.speechWav(dir);
        double duration = SpeechFixtures.speechSeconds();

        List<Silence> silences = detector.detect(speech, duration);

        double gapStart = 0;
        List<Path> clips = SpeechFixtures.clips();
        for (int i = 0; i < clips.size() - 1; i++) {
            gapStart += SpeechFixtures.durationSeconds(clips.get(i));
            double from = gapStart;
            double to = gapStart + SpeechFixtures.GAP_SECONDS;
            assertTrue(silences.stream().anyMatch(s -> s.start() <= from && s.end() >= to),
                    "no silence covers the gap " + from + "–" + to + " in " + silences);
            gapStart = to;
        }
        for (int i = 0; i < silences.size(); i++) {
            Silence s = silences.get(i);
            assertTrue(s.start() >= 0 && s.end() <= duration && s.duration() >= config.silenceMinSeconds() - 0.01, s::toString);
            assertTrue(i == 0 || silences.get(i - 1).end() <= s.start(), "silences in order");
        }
        // the recording is speech: most of it is not silent
        assertTrue(silences.stream().mapToDouble(Silence::duration).sum() < duration / 3, silences::toString);
    }

    @Test
    void pairsStartAndEndLinesAsFfmpegPrintsThem() {
        List<Silence> silences = SilenceDetector.parse(List.of(
                "[silencedetect @ 0x5584060079c0] silence_start: 6.74531",
                "[silencedetect @ 0x5584060079c0] silence_end: 7.87806 | silence_duration: 1.13275",
                "[silencedetect @ 0x5584060079c0] silence_start: 10.3681",
                "[silencedetect @ 0x5584060079c0] silence_end: 11.3801 | silence_duration: 1.01206"), 26.73);
        assertEquals(List.of(new Silence(6.74531, 7.87806), new Silence(10.3681, 11.3801)), silences);
    }

    @Test
    void aSilenceStillOpenAtTheEndEndsWithTheRecording() {
        List<Silence> silences = SilenceDetector.parse(List.of("[silencedetect @ 0x1] silence_start: 26.2991"), 26.73);
        assertEquals(List.of(new Silence(26.2991, 26.73)), silences);
    }

    @Test
    void clampsToTheRecordingAndReadsExponents() {
        List<Silence> silences = SilenceDetector.parse(List.of(
                "[silencedetect @ 0x1] silence_start: -0.000125",
                "[silencedetect @ 0x1] silence_end: 0.5 | silence_duration: 0.500125",
                "[silencedetect @ 0x1] silence_start: 1.2e+06",
                "[silencedetect @ 0x1] silence_end: 1.20001e+06 | silence_duration: 10"), 1.3e6);
        assertEquals(List.of(new Silence(0, 0.5), new Silence(1.2e6, 1.20001e6)), silences);
    }
}
