package dev.stt.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.testing.WordErrorRate;
import dev.stt.common.transcript.Transcript;
import dev.stt.common.transcript.TranscriptFormat;
import dev.stt.worker.providers.fake.FakeProviderResource;
import dev.stt.worker.providers.fake.FakeProviderServer;
import dev.stt.worker.support.Jobs;
import dev.stt.worker.support.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code STT_PROVIDERS=openai,pocketsphinx}: the local engine takes over while the remote one is down. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@TestProfile(RemoteProviderProfiles.OpenAiThenPocketsphinx.class)
class FailoverPipelineTest {

    @TempDir
    static Path fixtures;

    @Inject
    Jobs jobs;

    @Inject
    ObjectMapper json;

    @Test
    void duringAnOutageTheJobCompletesWithTheLocalEngineAndTheBreakerSparesTheRemoteOne() throws Exception {
        FakeProviderServer fake = FakeProviderResource.server().healthy().outage(true);
        int before = fake.hits();

        UUID id = jobs.submit(SpeechFixtures.speechWav(fixtures));
        Row job = jobs.awaitFinished(id, Duration.ofMinutes(3));

        assertEquals("completed", job.getString("status"), () -> "log: " + jobs.logLines(id));
        assertEquals("pocketsphinx", job.getString("provider"), "the provider that did the work is shown");
        List<Row> chunks = jobs.chunks(id);
        chunks.forEach(chunk -> assertEquals("pocketsphinx", chunk.getString("provider")));
        Transcript transcript = json.readValue(jobs.object(ObjectKeys.transcript(id, TranscriptFormat.JSON)), Transcript.class);
        assertEquals("pocketsphinx", transcript.provider());
        double wer = WordErrorRate.of(SpeechFixtures.referenceText(), transcript.text());
        assertTrue(wer <= 0.40, "word error rate " + wer);
        // breaker-failures=3; a second chunk may have been in flight as the breaker opened (2 at a time)
        int hits = fake.hits() - before;
        assertTrue(hits >= 3 && hits <= 4, hits + " calls reached the remote provider for " + chunks.size() + " chunks");
        assertTrue(jobs.logLines(id).stream().anyMatch(line -> line.contains("passed over: openai (provider_unavailable)")),
                () -> "log: " + jobs.logLines(id));
    }
}
