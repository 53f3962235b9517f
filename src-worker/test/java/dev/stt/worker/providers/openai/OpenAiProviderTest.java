package dev.stt.worker.providers.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.testing.WordErrorRate;
import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Word;
import dev.stt.worker.providers.ProviderException;
import dev.stt.worker.providers.fake.FakeProvider;
import dev.stt.worker.providers.fake.FakeProviderServer;
import dev.stt.worker.providers.fake.RemoteProviders;
import dev.stt.worker.support.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAI-compatible adapter on the wire: what it uploads, and what it makes of {@code verbose_json}. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class OpenAiProviderTest {

    @RegisterExtension
    static final FakeProvider fakeProvider = new FakeProvider();

    private FakeProviderServer fake;

    @Inject
    RemoteProviders providers;

    @BeforeEach
    void useFake() {
        fake = fakeProvider.server();
    }

    @Test
    void uploadsTheChunkAsFlacAndMapsSegmentsAndWordsOfRealSpeech() throws IOException {
        Path speech = fakeProvider.speechChunk("flac");
        OpenAiProvider provider = providers.openAi(fake, RemoteProviders.uniqueName("openai"), "worker-a",
                Map.of("model", "whisper-large-v3"));

        List<Segment> segments = provider.transcribe(speech, "en-GB");

        assertEquals("audio/flac", fake.lastUploadType());
        assertEquals("chunk.flac", fake.lastUploadName());
        assertTrue(fake.lastFields().containsAll(List.of("model=whisper-large-v3", "language=en",
                "response_format=verbose_json", "timestamp_granularities[]=word", "timestamp_granularities[]=segment")),
                "form: " + fake.lastFields());
        assertGoodTranscript(segments, SpeechFixtures.durationSeconds(speech));
        try (Stream<Path> files = Files.list(speech.getParent())) {
            assertFalse(files.anyMatch(p -> !p.equals(speech)), "the encoded upload is removed");
        }
    }

    @Test
    void aChunkOverTheUploadLimitAsFlacTravelsAsOpus() throws IOException {
        Path speech = fakeProvider.speechChunk("opus");
        // FLAC keeps about half of the 16-bit PCM; Opus at speech bitrate about a tenth
        long limit = Files.size(speech) / 4;
        OpenAiProvider provider = providers.openAi(fake, RemoteProviders.uniqueName("openai"), "worker-a",
                Map.of("max-upload-bytes", Long.toString(limit)));

        List<Segment> segments = provider.transcribe(speech, null);

        assertEquals("audio/ogg", fake.lastUploadType());
        assertEquals("chunk.ogg", fake.lastUploadName());
        assertFalse(fake.lastFields().stream().anyMatch(f -> f.startsWith("language=")), "no language hint was given");
        assertGoodTranscript(segments, SpeechFixtures.durationSeconds(speech));
    }

    @Test
    void aChunkTooLongForTheProviderFailsAsInvalidAudioWithoutACall() {
        OpenAiProvider provider = providers.openAi(fake, RemoteProviders.uniqueName("openai"), "worker-a",
                Map.of("max-upload-bytes", "2000"));
        Path speech = fakeProvider.speechChunk("tiny-limit");
        int before = fake.hits();

        ProviderException failure = assertThrows(ProviderException.class, () -> provider.transcribe(speech, "en"));

        assertEquals(ErrorCode.INVALID_AUDIO, failure.errorCode());
        assertFalse(failure.retryable());
        assertTrue(failure.getMessage().contains("STT_CHUNK_SECONDS"), failure.getMessage());
        assertEquals(before, fake.hits());
    }

    private static void assertGoodTranscript(List<Segment> segments, double duration) {
        assertFalse(segments.isEmpty());
        String text = segments.stream().map(Segment::text).collect(Collectors.joining(" "));
        double wer = WordErrorRate.of(SpeechFixtures.referenceText(), text);
        assertTrue(wer <= 0.45, "word error rate " + wer + " for: " + text);
        double last = 0;
        for (Segment segment : segments) {
            assertFalse(segment.words().isEmpty(), "top-level words are assigned to their segments");
            for (Word word : segment.words()) {
                assertTrue(word.start() >= segment.start() - 0.5 && word.end() <= segment.end() + 0.5,
                        word + " within " + segment.start() + "–" + segment.end());
                assertTrue(word.start() >= last - 1e-6, "words in order");
                last = word.start();
            }
            assertTrue(segment.end() <= duration + 1e-6);
        }
    }
}
