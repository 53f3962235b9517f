package dev.stt.api.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.stt.api.support.Infra;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class TranscribeResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    Infra infra;

    private final File speech = SpeechFixtures.clips().get(0).toFile();

    @Test
    void acceptedUploadIsStoredRecordedAndQueued() throws Exception {
        Response response = given()
                .multiPart("file", speech, "audio/wav")
                .multiPart("language", "en-GB")
                .header("X-Request-ID", "ci-run-42")
                .when().post("/api/v1/transcribe")
                .then()
                .statusCode(202)
                .header("X-Request-ID", "ci-run-42")
                .header("Location", matchesPattern(".*/api/v1/jobs/[0-9a-f-]{36}"))
                .body("status", equalTo("uploaded"))
                .body("filename", equalTo(speech.getName()))
                .body("language", equalTo("en-GB"))
                .body("provider", nullValue())
                .body("progress.chunks_done", equalTo(0))
                .body("progress.chunks_total", nullValue())
                .body("created_at", notNullValue())
                .extract().response();
        UUID id = UUID.fromString(response.path("job_id"));

        var stored = infra.head(ObjectKeys.source(id));
        assertNotNull(stored, "the upload is in the bucket");
        assertEquals(Files.size(speech.toPath()), stored.contentLength());
        assertEquals("uploaded", infra.jobRow(id).getString("status"));
        assertEquals(1, infra.countEvents(id));
        List<Map<String, String>> entries = infra.streamEntries(id);
        assertEquals(1, entries.size(), "one split entry per job");
        assertEquals("split", entries.get(0).get("kind"));
        assertEquals("ci-run-42", entries.get(0).get("request_id"));
    }

    @Test
    void aRequestWithoutAFileIsRefusedNamingTheField() {
        long jobsBefore = infra.countJobs();
        given()
                .multiPart("language", "en")
                .when().post("/api/v1/transcribe")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("error_code", equalTo("validation_error"))
                .body("detail", containsString("'file'"))
                .body("request_id", notNullValue());
        assertEquals(jobsBefore, infra.countJobs());
    }

    @Test
    void aMalformedLanguageIsRefusedAndNothingIsStored() {
        long jobsBefore = infra.countJobs();
        int objectsBefore = infra.objectKeys().size();
        given()
                .multiPart("file", speech, "audio/wav")
                .multiPart("language", "english please")
                .when().post("/api/v1/transcribe")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("error_code", equalTo("validation_error"))
                .body("detail", containsString("'language'"));
        assertEquals(jobsBefore, infra.countJobs());
        assertEquals(objectsBefore, infra.objectKeys().size());
    }

    static Stream<Arguments> notMedia() throws Exception {
        return Stream.of(
                Arguments.of("HTML page", "<!doctype html><html><body>not a song</body></html>".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("ELF executable", Files.readAllBytes(Path.of("/bin/true"))),
                Arguments.of("shell script", "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notMedia")
    void somethingElseNamedLikeAnMp3IsRefusedAndNothingIsStored(String what, byte[] content) {
        long jobsBefore = infra.countJobs();
        int objectsBefore = infra.objectKeys().size();
        given()
                .multiPart("file", "song.mp3", content, "audio/mpeg")
                .when().post("/api/v1/transcribe")
                .then()
                .statusCode(415)
                .contentType(PROBLEM_JSON)
                .body("error_code", equalTo("unsupported_media"))
                .body("detail", containsString("WAV, MP3"));
        assertEquals(jobsBefore, infra.countJobs());
        assertEquals(objectsBefore, infra.objectKeys().size());
    }

    @Test
    void theStoredContentTypeIsTheDetectedOneNotTheClaimedOne() {
        String id = given()
                .multiPart("file", speech, "text/html")
                .when().post("/api/v1/transcribe")
                .then().statusCode(202)
                .extract().path("job_id");
        assertEquals("audio/wav", infra.jobRow(UUID.fromString(id)).getString("content_type"));
        assertEquals("audio/wav", infra.head(ObjectKeys.source(UUID.fromString(id))).contentType());
    }

    @Test
    void anUnknownProviderIsRefused() {
        given()
                .multiPart("file", speech, "audio/wav")
                .multiPart("provider", "no-such-engine")
                .when().post("/api/v1/transcribe")
                .then()
                .statusCode(400)
                .body("error_code", equalTo("validation_error"))
                .body("detail", containsString("pocketsphinx"));
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        File empty = Files.createTempFile("empty", ".wav").toFile();
        given()
                .multiPart("file", empty, "audio/wav")
                .when().post("/api/v1/transcribe")
                .then()
                .statusCode(400)
                .body("detail", containsString("empty"));
    }

    @Test
    void clientPathsAreStrippedFromTheFilename() {
        given()
                .multiPart("file", "../../etc/evil\u0007 name.wav", fileBytes(), "audio/wav")
                .when().post("/api/v1/transcribe")
                .then()
                .statusCode(202)
                .body("filename", equalTo("evil name.wav"));
    }

    @Test
    void aRequestIdIsGeneratedWhenTheClientSendsNone() {
        Response response = given()
                .when().get("/api/v1/jobs/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .header("X-Request-ID", matchesPattern("[0-9a-f-]{36}"))
                .extract().response();
        assertEquals(response.header("X-Request-ID"), response.path("request_id"));
    }

    private byte[] fileBytes() {
        try {
            return Files.readAllBytes(speech.toPath());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
