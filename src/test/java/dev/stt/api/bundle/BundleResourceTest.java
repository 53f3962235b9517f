package dev.stt.api.bundle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.api.support.Infra;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.transcript.TranscriptFormat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class BundleResourceTest {

    @TempDir
    static Path dir;

    @Inject
    Infra infra;

    @Test
    void aCompletedJobsBundleHoldsTheStoredAudioEveryTranscriptAndTheLogs() throws IOException {
        // two minutes of speech, ~3.8 MB: many source buffers and many flushes
        Path audio = SpeechFixtures.repeatedSpeechWav(dir, 120);
        UUID id = submit(Files.readAllBytes(audio), "talk.wav");
        for (TranscriptFormat format : TranscriptFormat.values()) {
            infra.putText(ObjectKeys.transcript(id, format), "stored " + format.extension() + " of " + id + "\n");
        }
        infra.markCompleted(id);

        byte[] archive = given()
                .header("X-Request-ID", "bundle-test-1")
                .when().get("/api/v1/jobs/" + id + "/download-bundle")
                .then()
                .statusCode(200)
                .contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + id + ".zip\"")
                .header("X-Request-ID", "bundle-test-1")
                .extract().asByteArray();

        Map<String, byte[]> entries = StreamingZipTest.unzip(archive);
        assertEquals(List.of("job.json", "audio/talk.wav", "transcript.json", "transcript.txt", "transcript.srt",
                "transcript.vtt", "logs.jsonl"), List.copyOf(entries.keySet()));
        byte[] stored = infra.objectBytes(ObjectKeys.source(id));
        assertEquals(sha256(stored), sha256(entries.get("audio/talk.wav")));
        assertEquals(sha256(Files.readAllBytes(audio)), sha256(entries.get("audio/talk.wav")));
        for (TranscriptFormat format : TranscriptFormat.values()) {
            assertArrayEquals(infra.objectBytes(ObjectKeys.transcript(id, format)),
                    entries.get("transcript." + format.extension()));
        }
        JsonPath job = JsonPath.from(new String(entries.get("job.json"), StandardCharsets.UTF_8));
        assertEquals(id.toString(), job.getString("job_id"));
        assertEquals("completed", job.getString("status"));
        List<String> logs = lines(entries.get("logs.jsonl"));
        assertEquals(1, logs.size());
        JsonPath line = JsonPath.from(logs.get(0));
        assertEquals("api", line.getString("source"));
        assertTrue(line.getString("message").startsWith("Accepted upload 'talk.wav'"), line.getString("message"));
    }

    @Test
    void aJobNotCompletedYetStillBundlesItsAudioAndLogs() throws IOException {
        byte[] audio = Files.readAllBytes(SpeechFixtures.clips().get(0));
        UUID id = submit(audio, "clip.wav");

        Map<String, byte[]> entries = StreamingZipTest.unzip(download(id));

        assertEquals(List.of("job.json", "audio/clip.wav", "logs.jsonl"), List.copyOf(entries.keySet()));
        assertEquals(sha256(audio), sha256(entries.get("audio/clip.wav")));
        assertEquals("uploaded", JsonPath.from(new String(entries.get("job.json"), StandardCharsets.UTF_8))
                .getString("status"));
    }

    @Test
    void everyLogLineIsBundledInOrderAcrossPages() throws IOException {
        UUID id = submit(Files.readAllBytes(SpeechFixtures.clips().get(1)), "clip.wav");
        int added = 2 * BundleService.LOG_PAGE_SIZE + 1;
        infra.addEvents(id, added);

        List<String> messages = lines(StreamingZipTest.unzip(download(id)).get("logs.jsonl")).stream()
                .map(json -> JsonPath.from(json).getString("message"))
                .toList();

        assertEquals(added + 1, messages.size());
        assertTrue(messages.get(0).startsWith("Accepted upload"), messages.get(0));
        assertEquals(IntStream.rangeClosed(1, added).mapToObj(i -> "line " + i).toList(), messages.subList(1, messages.size()));
    }

    @Test
    void theAudioEntryNameIsAPlainFileName() throws IOException {
        UUID id = submit(Files.readAllBytes(SpeechFixtures.clips().get(1)), "..\\dir\\evil:name?.wav");

        Map<String, byte[]> entries = StreamingZipTest.unzip(download(id));

        // the multipart decoder reads ':' in a header value as a space; Filenames drops the path and replaces '?'
        assertTrue(entries.containsKey("audio/evil name_.wav"), entries.keySet().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0b9f8f0e-3c1a-4c39-9a4e-7f3d2f0c8a11", "not-a-uuid"})
    void unknownJobsAreNotFoundProblems(String id) {
        given().when().get("/api/v1/jobs/" + id + "/download-bundle")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("error_code", equalTo("not_found"))
                .body("request_id", notNullValue());
    }

    private static byte[] download(UUID id) {
        return given().when().get("/api/v1/jobs/" + id + "/download-bundle")
                .then().statusCode(200)
                .extract().asByteArray();
    }

    private static UUID submit(byte[] audio, String filename) {
        String id = given()
                .multiPart(new MultiPartSpecBuilder(audio).controlName("file").fileName(filename).mimeType("audio/wav").build())
                .when().post("/api/v1/transcribe")
                .then().statusCode(202)
                .extract().path("job_id");
        return UUID.fromString(id);
    }

    private static List<String> lines(byte[] text) {
        return Stream.of(new String(text, StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isEmpty()).toList();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
