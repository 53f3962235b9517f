package dev.stt.api.openai;

import static dev.stt.api.openai.CompatWaitProfile.IDLE_SECONDS;
import static dev.stt.api.openai.CompatWaitProfile.WAIT_SECONDS;
import static dev.stt.api.security.KeysWithoutRateLimitProfile.VICTIM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.api.support.FinishedTranscripts;
import dev.stt.api.support.RawHttp;
import dev.stt.api.support.Waiting;
import dev.stt.api.support.WorkerStandIn;
import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible endpoint sends nothing while it waits for its job, far longer than the idle timeout that
 * closes silent connections: its own connection is let wait, every other one is still closed on time, and its
 * connection gets the normal timeout back once answered.
 */
@QuarkusTest
@TestProfile(CompatWaitProfile.class)
class CompatWaitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WorkerStandIn worker;

    @Inject
    FinishedTranscripts transcripts;

    @Test
    void aWaitingRequestOutlastsTheIdleTimeoutWhileOtherSilentConnectionsAreClosed() throws Exception {
        Set<String> known = Waiting.jobsOf(VICTIM);
        try (Socket waiting = new Socket("127.0.0.1", RestAssured.port); Socket silent = new Socket("127.0.0.1", RestAssured.port)) {
            waiting.setSoTimeout(30_000);
            silent.setSoTimeout(30_000);
            sendTranscription(waiting.getOutputStream());
            UUID job = Waiting.newJob(VICTIM, known, Duration.ofSeconds(10));
            long silentSince = System.nanoTime();

            assertClosedByServer(silent.getInputStream());
            double silentFor = seconds(System.nanoTime() - silentSince);
            assertTrue(silentFor < IDLE_SECONDS + 2, "a silent connection is closed after the idle timeout: " + silentFor + " s");

            // twice the idle timeout without a byte on the waiting connection, then the job completes
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(IDLE_SECONDS * 2L));
            transcripts.store(job);
            worker.complete(job);
            Answer answer = readOne(waiting.getInputStream());
            assertEquals(200, answer.status(), answer.body());
            assertEquals("hello world this is speech", JSON.readTree(answer.body()).path("text").asText());

            // answered: the connection is kept alive, but idle for the normal timeout only
            long answeredAt = System.nanoTime();
            assertClosedByServer(waiting.getInputStream());
            double idleFor = seconds(System.nanoTime() - answeredAt);
            assertTrue(idleFor < IDLE_SECONDS + 2, "the normal idle timeout is back after the answer: " + idleFor + " s");
        }
    }

    @Test
    void aJobStillRunningAfterTheWaitIsA504NamingTheJob() throws Exception {
        Set<String> known = Waiting.jobsOf(VICTIM);
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            long sent = System.nanoTime();
            sendTranscription(socket.getOutputStream());
            UUID job = Waiting.newJob(VICTIM, known, Duration.ofSeconds(10));
            Answer answer = readOne(socket.getInputStream());
            double waited = seconds(System.nanoTime() - sent);

            assertEquals(504, answer.status(), answer.body());
            assertTrue(waited >= WAIT_SECONDS - 0.5, "answered after the wait, not the idle timeout: " + waited + " s");
            assertEquals("false", answer.headers().get("x-should-retry"));
            JsonNode error = JSON.readTree(answer.body()).path("error");
            assertEquals("server_error", error.path("type").asText());
            assertEquals("timeout", error.path("code").asText());
            assertTrue(error.path("message").asText().contains(job.toString()), error.toString());
        }
    }

    private static void sendTranscription(OutputStream out) throws IOException {
        RawHttp.Multipart form = RawHttp.Multipart.of("clip.wav", Files.readAllBytes(SpeechFixtures.clips().get(0)),
                Map.of("model", "whisper-1"));
        out.write(("POST /v1/audio/transcriptions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + VICTIM
                + "\r\nContent-Type: " + form.contentType() + "\r\nContent-Length: " + form.body().length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(form.body());
        out.flush();
    }

    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** One answer off a kept-alive connection: headers, then exactly Content-Length bytes. */
    private static Answer readOne(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before an answer: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new java.util.HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static void assertClosedByServer(InputStream in) throws IOException {
        try {
            assertEquals(-1, in.read(), "nothing more is sent; the server closes the connection");
        } catch (SocketException reset) {
            // closed by the server: what is asserted
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
