package dev.stt.worker.providers.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.testing.WordErrorRate;
import dev.stt.common.transcript.Segment;
import dev.stt.worker.providers.ProviderException;
import dev.stt.worker.providers.fake.FakeProvider;
import dev.stt.worker.providers.fake.FakeProviderServer;
import dev.stt.worker.providers.fake.RemoteProviders;
import dev.stt.worker.support.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Gemini adapter on the wire: generateContent with inline audio and a response schema. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class GeminiProviderTest {

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
    void transcribesRealSpeechThroughGenerateContentWithAResponseSchema() throws IOException {
        Path speech = fakeProvider.speechChunk("speech");
        GeminiProvider provider = providers.gemini(fake, RemoteProviders.uniqueName("gemini"), Map.of());

        List<Segment> segments = provider.transcribe(speech, "en");

        assertEquals("audio/flac", fake.lastUploadType());
        assertTrue(fake.lastFields().contains("responseMimeType=application/json"));
        assertTrue(fake.lastFields().stream().anyMatch(f -> f.startsWith("prompt=") && f.contains("'en'")),
                "the language reaches the prompt: " + fake.lastFields());
        String text = segments.stream().map(Segment::text).collect(Collectors.joining(" "));
        double wer = WordErrorRate.of(SpeechFixtures.referenceText(), text);
        assertTrue(wer <= 0.45, "word error rate " + wer + " for: " + text);
        double duration = SpeechFixtures.durationSeconds(speech);
        double last = 0;
        for (Segment segment : segments) {
            assertTrue(segment.start() >= last && segment.end() >= segment.start() && segment.end() <= duration + 1e-6);
            last = segment.start();
        }
    }

    @Test
    void anInvalidKeyIsAnAuthErrorThatNeverShowsTheKey() {
        GeminiProvider provider = providers.gemini(fake, RemoteProviders.uniqueName("gemini"), Map.of("max-retries", "2"));
        fake.rejectKeys(true);
        int before = fake.hits();

        ProviderException failure = assertThrows(ProviderException.class,
                () -> provider.transcribe(fakeProvider.clipChunk("bad-key"), "en"));

        assertEquals(ErrorCode.AUTH_ERROR, failure.errorCode(), failure.getMessage());
        assertFalse(failure.getMessage().contains(RemoteProviders.KEY), failure.getMessage());
        assertEquals(1, fake.hits() - before, "not retried");
    }

    @Test
    void aRetryDelayInTheBodyIsHonoured() {
        GeminiProvider provider = providers.gemini(fake, RemoteProviders.uniqueName("gemini"), Map.of("max-retries", "1"));
        fake.rateLimit(1, 1);
        int before = fake.hits();

        assertFalse(provider.transcribe(fakeProvider.clipChunk("rate"), "en").isEmpty());

        List<Long> times = fake.hitTimesNanos();
        assertEquals(2, times.size() - before);
        long waited = TimeUnit.NANOSECONDS.toMillis(times.get(times.size() - 1) - times.get(times.size() - 2));
        assertTrue(waited >= 950, "retryDelay 1s honoured, waited " + waited + " ms");
    }
}
