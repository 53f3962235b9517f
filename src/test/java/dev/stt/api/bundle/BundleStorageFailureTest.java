package dev.stt.api.bundle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.api.support.CuttingProxy;
import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.builder.MultiPartSpecBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage that fails while a bundle streams must never yield a download that passes for a complete archive. */
@QuarkusTest
@TestProfile(StorageBehindCuttingProxy.class)
class BundleStorageFailureTest {

    @TempDir
    static Path dir;

    @TestHTTPResource("/api/v1/jobs/")
    URI jobs;

    @Test
    void storageFailingMidStreamCutsTheDownloadAndIsLogged() throws Exception {
        Path audio = SpeechFixtures.repeatedSpeechWav(dir, 120);
        String id = submit(audio);
        List<String> errors = new CopyOnWriteArrayList<>();
        Handler capture = errorsInto(errors);
        Logger serviceLog = Logger.getLogger(BundleService.class.getName());
        serviceLog.addHandler(capture);
        CuttingProxy proxy = StorageBehindCuttingProxy.Resource.proxy;
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        HttpResponse<InputStream> response;
        try {
            // storage sends the first 512 KiB of the audio, then stalls until the download is well under way
            proxy.holdResponsesAfter(512 * 1024);
            response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(jobs.resolve(id + "/download-bundle")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                received.write(body.readNBytes(StreamingZip.FLUSH_BYTES));
                proxy.cutHeld();
                assertThrows(IOException.class, () -> body.transferTo(received), "the download must end in an error");
            }
        } finally {
            proxy.heal();
        }

        assertEquals(200, response.statusCode());
        assertTrue(proxy.cuts() >= 1, "the proxy cut the audio's transfer");
        assertTrue(received.size() >= StreamingZip.FLUSH_BYTES && received.size() < Files.size(audio),
                "part of the archive arrived before the cut: " + received.size());
        Path partial = Files.write(dir.resolve("partial.zip"), received.toByteArray());
        assertThrows(ZipException.class, () -> new ZipFile(partial.toFile()).close(),
                "what arrived is not a complete archive");
        awaitLogged(errors, id);
        serviceLog.removeHandler(capture);

        // storage healed: the same bundle downloads whole
        byte[] archive = given().when().get("/api/v1/jobs/" + id + "/download-bundle")
                .then().statusCode(200)
                .extract().asByteArray();
        assertEquals(Files.size(audio), StreamingZipTest.unzip(archive).get("audio/" + audio.getFileName()).length);
    }

    @Test
    void storageThatDoesNotAnswerBeforeTheFirstByteIsAServiceUnavailableProblem() throws Exception {
        String id = submit(SpeechFixtures.clips().get(1));
        CuttingProxy proxy = StorageBehindCuttingProxy.Resource.proxy;
        try {
            proxy.cutResponsesAfter(0);
            given().when().get("/api/v1/jobs/" + id + "/download-bundle")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("error_code", equalTo("service_unavailable"))
                    .header("Content-Disposition", nullValue());
        } finally {
            proxy.heal();
        }
    }

    private static String submit(Path audio) throws IOException {
        return given()
                .multiPart(new MultiPartSpecBuilder(Files.readAllBytes(audio)).controlName("file")
                        .fileName(audio.getFileName().toString()).mimeType("audio/wav").build())
                .when().post("/api/v1/transcribe")
                .then().statusCode(202)
                .extract().path("job_id");
    }

    private static Handler errorsInto(List<String> errors) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    private static void awaitLogged(List<String> errors, String jobId) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (errors.stream().noneMatch(message -> message.contains(jobId))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no error logged for job " + jobId + "; errors: " + errors);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
