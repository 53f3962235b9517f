package dev.stt.worker.ingest;

import static dev.stt.worker.support.LocalHttpServer.bytes;
import static dev.stt.worker.support.LocalHttpServer.endless;
import static dev.stt.worker.support.LocalHttpServer.file;
import static dev.stt.worker.support.LocalHttpServer.redirect;
import static dev.stt.worker.support.LocalHttpServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.net.UrlGuard;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.testing.AudioFixtureFormat;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.testing.WordErrorRate;
import dev.stt.common.transcript.TranscriptFormat;
import dev.stt.worker.support.Jobs;
import dev.stt.worker.support.LocalHttpServer;
import dev.stt.worker.support.LocalHttpServer.Received;
import dev.stt.worker.support.LocalStackResource;
import dev.stt.worker.support.TestResolver;
import dev.stt.worker.webhooks.SignatureCheck;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Jobs submitted by URL, downloaded by the running worker from a real local HTTP server: real speech in two
 * formats, and every way a download must fail — too large, wrong bytes, too slow, missing, redirected or
 * resolved into a private network. Private addresses are only ever named, never contacted: the guard refuses first.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class UrlIngestTest {

    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final byte[] WAV_HEADER = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path fixtures;

    @Inject
    Jobs jobs;

    @Inject
    TestResolver resolver;

    @Inject
    UrlGuard guard;

    @Inject
    ObjectMapper json;

    private final LocalHttpServer server = LocalHttpServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = AudioFixtureFormat.class, names = {"MP3", "FLAC"})
    void speechAtAUrlIsDownloadedStoredAndTranscribedThenAnnounced(AudioFixtureFormat format) throws Exception {
        Path audio = SpeechFixtures.encode(SpeechFixtures.speechWav(fixtures), format, fixtures);
        String mediaType = format == AudioFixtureFormat.MP3 ? "audio/mpeg" : "audio/flac";
        server.on("/talk", file(audio, "application/octet-stream")).on("/hook", status(204));

        UUID id = jobs.submitUrl(server.url("/talk"), server.url("/hook"));

        Row job = jobs.awaitFinished(id, DEADLINE);
        assertEquals("completed", job.getString("status"), () -> "log: " + jobs.logLines(id));
        assertEquals(Files.size(audio), job.getLong("size_bytes"));
        assertEquals(mediaType, job.getString("content_type"), "the detected type, not the server's claim");
        assertTrue(jobs.objectExists(ObjectKeys.source(id)), "kept as the job's source, like an upload");
        double wer = WordErrorRate.of(SpeechFixtures.referenceText(), jobs.object(ObjectKeys.transcript(id, TranscriptFormat.TXT)));
        assertTrue(wer <= 0.45, format + " word error rate " + wer);
        List<Received> downloads = server.requests("/talk");
        assertEquals(1, downloads.size());
        assertEquals("127.0.0.1:" + server.port(), downloads.get(0).header("host"));

        jobs.awaitDelivery(id, row -> "delivered".equals(row.getString("state")), Duration.ofSeconds(30));
        Received hook = server.requests("/hook").get(0);
        assertTrue(SignatureCheck.verifies(hook));
        JsonNode event = json.readTree(hook.body());
        assertEquals("job.completed", event.get("type").asText());
        assertEquals("completed", event.get("status").asText());
        assertTrue(event.get("error_code").isNull());
        assertEquals("http://stt.test/api/v1/jobs/" + id + "/transcript", event.get("transcript_url").asText());
    }

    @Test
    void aDownloadPastTheSizeCapFailsWhileStreaming() {
        // 3 MiB without a Content-Length, against the test profile's 2 MiB cap
        server.on("/big.wav", endless(WAV_HEADER, 3L * 1024 * 1024));

        Row job = failed(server.url("/big.wav"), "payload_too_large");

        assertTrue(job.getString("error_message").contains("2 MiB"), job.getString("error_message"));
    }

    @Test
    void aDeclaredLengthPastTheCapFailsBeforeReading() {
        byte[] big = new byte[3 * 1024 * 1024];
        System.arraycopy(WAV_HEADER, 0, big, 0, WAV_HEADER.length);
        server.on("/declared.wav", bytes(big, "audio/wav"));

        failed(server.url("/declared.wav"), "payload_too_large");
    }

    @Test
    void bytesThatAreNoAudioFailAsInvalidAudio() {
        server.on("/song.mp3", bytes("<!doctype html><html><body>a login page</body></html>".getBytes(StandardCharsets.UTF_8),
                "audio/mpeg"));

        Row job = failed(server.url("/song.mp3"), "invalid_audio");

        assertTrue(job.getString("error_message").contains("format this service accepts"));
    }

    @Test
    void aServerThatStallsFailsWithTimeout() {
        server.on("/slow.wav", server.stallAfter(WAV_HEADER));

        failed(server.url("/slow.wav"), "timeout");
    }

    @Test
    void aMissingFileFailsWithItsStatusAndTheWebhookSaysSo() throws Exception {
        server.on("/hook", status(200));

        UUID id = jobs.submitUrl(server.url("/missing.wav"), server.url("/hook"));

        Row job = jobs.awaitFinished(id, DEADLINE);
        assertEquals("failed", job.getString("status"));
        assertEquals("download_failed", job.getString("error_code"));
        assertTrue(job.getString("error_message").contains("HTTP 404"));
        jobs.awaitDelivery(id, row -> "delivered".equals(row.getString("state")), Duration.ofSeconds(30));
        JsonNode event = json.readTree(server.requests("/hook").get(0).body());
        assertEquals("job.failed", event.get("type").asText());
        assertEquals("download_failed", event.get("error_code").asText());
        assertTrue(event.get("transcript_url").isNull());
    }

    @Test
    void aRedirectChainEndingAtABlockedAddressIsRefused() {
        server.on("/r1", redirect(302, "/r2"))
                .on("/r2", redirect(307, "http://169.254.169.254/latest/meta-data/iam/"));

        Row job = failed(server.url("/r1"), "url_blocked");

        assertTrue(job.getString("error_message").contains("redirects to a URL that points to a private"),
                job.getString("error_message"));
        assertEquals(1, server.requests("/r1").size());
        assertEquals(1, server.requests("/r2").size());
        assertEquals(2, server.requests().size(), "nothing past the blocked hop was fetched");
    }

    @Test
    void moreThanFiveRedirectsAreRefused() {
        server.on("/loop", redirect(302, "/loop"));

        failed(server.url("/loop"), "download_failed");

        assertEquals(6, server.requests("/loop").size(), "the first request and five redirects");
    }

    @Test
    void aNameResolvingToAPublicAndAPrivateAddressIsRefused() {
        resolver.answer("mixed.test", "93.184.216.34", "10.0.0.7");

        failed("http://mixed.test:" + server.port() + "/a.wav", "url_blocked");

        assertEquals(0, server.requests().size());
    }

    @Test
    void aNameThatRebindsToAPrivateAddressAfterSubmissionIsRefusedAtConnect() {
        resolver.answer("rebind.test", "93.184.216.34").thenAnswer("rebind.test", "169.254.169.254");
        String url = "http://rebind.test:" + server.port() + "/a.wav";
        // what the API saw when the job was submitted: a public address
        guard.check(url);

        failed(url, "url_blocked");

        assertEquals(2, resolver.lookupsOf("rebind.test"), "one lookup at submission, one at connect");
        assertEquals(0, server.requests().size());
    }

    @Test
    void theConnectionGoesToTheAddressThatWasCheckedWithoutASecondLookup() throws Exception {
        // a second lookup would answer a private address; only the first answer may be used
        resolver.answer("pinned.test", "127.0.0.1").thenAnswer("pinned.test", "10.0.0.9");
        Path clip = SpeechFixtures.clips().get(0);
        server.on("/clip.wav", file(clip, "audio/wav"));

        UUID id = jobs.submitUrl("http://pinned.test:" + server.port() + "/clip.wav", null);

        Row job = jobs.awaitFinished(id, DEADLINE);
        assertEquals("completed", job.getString("status"), () -> "log: " + jobs.logLines(id));
        assertEquals(1, resolver.lookupsOf("pinned.test"));
        List<Received> requests = server.requests("/clip.wav");
        assertEquals(1, requests.size());
        assertEquals("pinned.test:" + server.port(), requests.get(0).header("host"), "the Host header keeps the name");
        assertEquals(Files.size(clip), job.getLong("size_bytes"));
    }

    /** Submits the URL and expects the job to fail with {@code code}, with nothing stored as its source. */
    private Row failed(String url, String code) {
        UUID id = jobs.submitUrl(url, null);
        Row job = jobs.awaitFinished(id, DEADLINE);
        assertEquals("failed", job.getString("status"), () -> "log: " + jobs.logLines(id));
        assertEquals(code, job.getString("error_code"), () -> "log: " + jobs.logLines(id));
        String message = job.getString("error_message");
        assertFalse(message.contains("Exception"), "no internals in: " + message);
        assertFalse(jobs.objectExists(ObjectKeys.source(id)), "nothing stored for a failed download");
        assertTrue(jobs.logLines(id).stream().anyMatch(line -> line.startsWith("Failed (" + code + ")")));
        return job;
    }

}
