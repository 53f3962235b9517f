package dev.stt.worker.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.testing.ConfigMappings;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.testing.WordErrorRate;
import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Word;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PocketsphinxProviderTest {

    /**
     * Debian's pocketsphinx 0.8+5prealpha scores 0.352 on this fixture (0.31 on the clips joined without pauses; the
     * 71-word sample moves by 0.014 per word). A broken integration (wrong model, lost words) scores above 0.6.
     */
    private static final double MAX_WER = 0.38;

    @TempDir
    static Path dir;

    private static PocketsphinxProvider provider(Map<String, String> properties) {
        return new PocketsphinxProvider(ConfigMappings.with(PocketsphinxConfig.class, properties));
    }

    @Test
    void configurationDefaultsPointAtTheDebianModel() {
        PocketsphinxConfig config = ConfigMappings.withDefaults(PocketsphinxConfig.class);
        assertEquals("pocketsphinx_continuous", config.binary());
        assertEquals(Duration.ofMinutes(10), config.timeout());
        for (String path : List.of(config.hmm(), config.lm(), config.dict())) {
            assertTrue(Files.exists(Path.of(path)), path);
        }
    }

    @Test
    void transcribesTheSpeechFixtureWithinTheExpectedErrorRate() {
        Path speech = SpeechFixtures.speechWav(dir);
        double duration = SpeechFixtures.speechSeconds();
        PocketsphinxProvider provider = provider(Map.of());

        List<Segment> segments = provider.transcribe(speech, "en");

        assertEquals("pocketsphinx", provider.name());
        String hypothesis = segments.stream().map(Segment::text).collect(Collectors.joining(" "));
        WordErrorRate.Errors errors = WordErrorRate.errors(SpeechFixtures.referenceText(), hypothesis);
        System.out.println("pocketsphinx, single pass over " + duration + " s: " + errors);
        assertTrue(errors.rate() <= MAX_WER, errors + "\n" + hypothesis);

        double previousEnd = 0;
        for (Segment segment : segments) {
            assertFalse(segment.words().isEmpty(), "pocketsphinx reports word times");
            assertEquals(segment.words().get(0).start(), segment.start());
            assertEquals(segment.words().get(segment.words().size() - 1).end(), segment.end());
            for (Word word : segment.words()) {
                assertTrue(word.start() >= previousEnd && word.end() >= word.start(), "monotonic times at " + word);
                assertTrue(word.end() <= duration, "within the audio: " + word);
                assertNotNull(word.confidence());
                assertTrue(word.confidence() >= 0 && word.confidence() <= 1, "confidence of " + word);
                previousEnd = word.end();
            }
        }
    }

    @Test
    void transcribesOtherLanguagesWithTheEnglishModel() {
        Path clip = SpeechFixtures.clips().get(1);

        List<Segment> segments = provider(Map.of()).transcribe(clip, "de");

        String text = segments.stream().map(Segment::text).collect(Collectors.joining(" "));
        assertTrue(WordErrorRate.of("he was not an ill disposed young man", text) <= 0.5, text);
    }

    @Test
    void aChunkTakingTooLongIsARetryableTimeout() {
        Path speech = SpeechFixtures.speechWav(dir);
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider(Map.of("stt.pocketsphinx.timeout", "200ms")).transcribe(speech, "en"));
        assertEquals(ErrorCode.TIMEOUT, e.errorCode());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("PT0.2S"), e.getMessage());
    }

    @Test
    void aMissingBinaryMakesTheProviderUnavailable() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider(Map.of("stt.pocketsphinx.binary", "/opt/none/pocketsphinx_continuous"))
                        .transcribe(SpeechFixtures.clips().get(1), "en"));
        assertEquals(ErrorCode.PROVIDER_UNAVAILABLE, e.errorCode());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("/opt/none/pocketsphinx_continuous"), e.getMessage());
    }

    @Test
    void aMissingModelMakesTheProviderUnavailable() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider(Map.of("stt.pocketsphinx.lm", "/opt/none/en-us.lm.bin"))
                        .transcribe(SpeechFixtures.clips().get(1), "en"));
        assertEquals(ErrorCode.PROVIDER_UNAVAILABLE, e.errorCode());
        assertTrue(e.getMessage().contains("/opt/none/en-us.lm.bin"), e.getMessage());
    }

    @Test
    void anEngineFailureCarriesItsExitCode() {
        // /bin/false stands in for an engine that crashes on a valid chunk
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider(Map.of("stt.pocketsphinx.binary", "false")).transcribe(SpeechFixtures.clips().get(1), "en"));
        assertEquals(ErrorCode.UNKNOWN, e.errorCode());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("exit code 1"), e.getMessage());
    }

    @Test
    void aChunkThatIsNotPcmWavIsInvalidAudio() throws IOException {
        Path html = Files.writeString(dir.resolve("chunk.wav"), "<html>not audio</html>");
        ProviderException e = assertThrows(ProviderException.class, () -> provider(Map.of()).transcribe(html, "en"));
        assertEquals(ErrorCode.INVALID_AUDIO, e.errorCode());
        assertFalse(e.retryable());
    }
}
