package dev.stt.api.upload;

import static dev.stt.api.security.KeysWithoutRateLimitProfile.VICTIM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.api.security.KeysWithoutRateLimitProfile;
import dev.stt.api.support.Bodies;
import dev.stt.api.support.CapturedLog;
import dev.stt.api.support.Infra;
import dev.stt.api.support.RawHttp;
import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken uploads (issue 15, P3, P4, P6): each is a 4xx problem document that names what was wrong, logged as at most
 * one WARN line without a stack trace; nothing is stored, and no spool file outlives its request.
 */
@QuarkusTest
@TestProfile(KeysWithoutRateLimitProfile.class)
class MalformedUploadTest {

    private static final String BOUNDARY = "stt-7f3a";

    @Inject
    Infra infra;

    @Inject
    SpoolDirectory spool;

    record Malformed(String name, String extraHeaders, byte[] body, int status, String errorCode) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Malformed> malformedBodies() throws IOException {
        byte[] clip = Files.readAllBytes(SpeechFixtures.clips().get(1));
        return Stream.of(
                new Malformed("bare LF in a part header", "", Bodies.concat(
                        ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\nContent-Type: audio/wav\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII), clip, ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII)),
                        400, "validation_error"),
                new Malformed("wrong boundary", "", RawHttp.Multipart.of("a.wav", clip, Map.of()).body(), 400, "validation_error"),
                new Malformed("truncated body", "", Bodies.concat(("--" + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                        java.util.Arrays.copyOf(clip, clip.length / 2)), 400, "validation_error"),
                new Malformed("more than 1,000 parts", "", manyParts(1001), 400, "validation_error"),
                new Malformed("a form field over 4 KiB", "", Bodies.concat(("--" + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"webhook_url\"\r\n\r\nhttps://example.com/" + "a".repeat(5000)
                        + "\r\n").getBytes(StandardCharsets.US_ASCII), filePart(clip)), 413, "payload_too_large"),
                new Malformed("a second file part", "", Bodies.concat(openFilePart(clip), filePart(clip)), 400, "validation_error"),
                new Malformed("no file part", "", ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nen\r\n--"
                        + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII), 400, "validation_error"));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void aMalformedUploadIsAClientErrorThatLeavesNothing(Malformed malformed) throws IOException {
        long jobs = infra.countJobs();
        int objects = infra.objectKeys().size();
        RawHttp.Answer answer;
        try (CapturedLog log = CapturedLog.start()) {
            answer = RawHttp.exchange(RestAssured.port, "POST /api/v1/transcribe HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + VICTIM
                    + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + malformed.body().length
                    + malformed.extraHeaders(), malformed.body());
            assertEquals(malformed.status(), answer.status(), answer.body());
            assertEquals("application/problem+json", answer.header("Content-Type"));
            assertTrue(answer.body().contains("\"error_code\":\"" + malformed.errorCode() + "\""), answer.body());
            assertTrue(log.warnings().size() <= 1, "at most one WARN line: " + log.warnings().size());
            assertEquals(List.of(), log.withStackTraces().stream().map(r -> r.getThrown().toString()).toList(), "no stack trace");
        }
        assertEquals(jobs, infra.countJobs());
        assertEquals(objects, infra.objectKeys().size());
        awaitEmptySpool();
    }

    @Test
    void aFormFieldOverItsLimitIsNamedAsSuch() throws IOException {
        byte[] clip = Files.readAllBytes(SpeechFixtures.clips().get(1));
        byte[] body = Bodies.concat(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\n" + "e".repeat(5000)
                + "\r\n").getBytes(StandardCharsets.US_ASCII), filePart(clip));
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port, "POST /api/v1/transcribe HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                + VICTIM + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + body.length, body);
        assertEquals(413, answer.status());
        assertTrue(answer.body().contains("Form fields other than 'file' are limited to 4096 bytes each."), answer.body());
    }

    @Test
    void anUnknownTransferCodingIsRefusedBeforeTheBodyIsRead() throws IOException {
        long jobs = infra.countJobs();
        byte[] body = RawHttp.Multipart.of("a.wav", Files.readAllBytes(SpeechFixtures.clips().get(1)), Map.of()).body();
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port, "POST /api/v1/transcribe HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                + VICTIM + "\r\nContent-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: xchunked", body);
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("Transfer-Encoding must be 'chunked'"), answer.body());
        assertEquals(jobs, infra.countJobs());
    }

    /** P3: a client that goes away in the middle of its upload leaves no file behind. */
    @Test
    void anUploadCutOffMidwayLeavesNoSpoolFile() throws IOException {
        long jobs = infra.countJobs();
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"long.wav\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] wav = Bodies.riffWav(700 * 1024);
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/transcribe HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + VICTIM
                    + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + (900 * 1024)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(wav);
            out.flush();
            awaitSpoolFileGrowing();
        }
        awaitEmptySpool();
        assertEquals(jobs, infra.countJobs());
    }

    private void awaitSpoolFileGrowing() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (spoolFiles().isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "the upload never reached the spool");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private void awaitEmptySpool() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!spoolFiles().isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "spool files left behind: " + spoolFiles());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private List<Path> spoolFiles() {
        try (Stream<Path> files = Files.walk(spool.root())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A file part followed by the next delimiter, so that another part can follow. */
    private static byte[] openFilePart(byte[] clip) {
        return Bodies.concat(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), clip, "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** A file part and the closing delimiter. */
    private static byte[] filePart(byte[] clip) {
        return Bodies.concat(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), clip, ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] manyParts(int parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts; i++) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f" + i + "\"\r\n\r\nx\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
