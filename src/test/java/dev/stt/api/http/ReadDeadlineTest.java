package dev.stt.api.http;

import static dev.stt.api.security.KeysWithoutRateLimitProfile.VICTIM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.api.support.Infra;
import dev.stt.api.support.RawHttp;
import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Issue 15, P7: connections that never finish their headers or trickle their body are closed; slow steady uploads are not. */
@QuarkusTest
@TestProfile(ReadDeadlineProfile.class)
class ReadDeadlineTest {

    @Inject
    Infra infra;

    @Test
    void aConnectionThatNeverFinishesItsHeadersIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("POST /api/v1/transcribe HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertClosedByServer(socket.getInputStream());
        }
    }

    @Test
    void aBodyTricklingAByteAtATimeIsCutOff() throws IOException {
        long jobs = infra.countJobs();
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/transcribe/url HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + VICTIM
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Answer answer = null;
            // a byte every 200 ms: far below the 2000 bytes a second the profile requires
            for (int i = 0; i < 100 && answer == null; i++) {
                try {
                    out.write('{');
                    out.flush();
                } catch (SocketException closed) {
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                if (socket.getInputStream().available() > 0) {
                    answer = RawHttp.read(socket.getInputStream());
                }
            }
            if (answer == null) {
                answer = RawHttp.read(socket.getInputStream());
            }
            assertEquals(408, answer.status(), answer.body());
            assertTrue(answer.body().contains("\"error_code\":\"timeout\""), answer.body());
        }
        assertEquals(jobs, infra.countJobs());
    }

    @Test
    void aSlowButSteadyUploadGoesThrough() throws IOException {
        byte[] clip = Files.readAllBytes(SpeechFixtures.clips().get(1));
        RawHttp.Multipart form = RawHttp.Multipart.of("slow.wav", clip, Map.of("language", "en"));
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/transcribe HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + VICTIM + "\r\nContent-Type: "
                    + form.contentType() + "\r\nContent-Length: " + form.body().length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // 4 KiB every 250 ms = 16 KiB/s: slow, but above the required 2000 bytes a second
            for (int at = 0; at < form.body().length; at += 4096) {
                out.write(form.body(), at, Math.min(4096, form.body().length - at));
                out.flush();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            }
            RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
            assertEquals(202, answer.status(), answer.body());
        }
    }

    private static void assertClosedByServer(InputStream in) throws IOException {
        try {
            int read = in.read();
            assertTrue(read == -1 || read == 'H', "the server closed the connection (or answered before closing)");
            while (read != -1) {
                read = in.read();
            }
        } catch (SocketException reset) {
            // closed by the server: what is asserted
        }
    }
}
