package dev.stt.api.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.api.security.SecuredApiProfile;
import dev.stt.api.support.Bodies;
import dev.stt.api.support.Infra;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The secured profile limits uploads to 1 MiB. */
@QuarkusTest
@TestProfile(SecuredApiProfile.class)
class UploadLimitTest {

    private static final int TWO_MIB = 2 * 1024 * 1024;

    @Inject
    Infra infra;

    @TestHTTPResource("/api/v1/transcribe")
    URI transcribe;

    @Test
    void anAnnouncedOversizeBodyIsRefusedBeforeItIsRead() {
        long jobsBefore = infra.countJobs();
        int objectsBefore = infra.objectKeys().size();
        given()
                .header("X-API-Key", SecuredApiProfile.DELTA)
                .multiPart("file", "long.wav", Bodies.riffWav(TWO_MIB), "audio/wav")
                .when().post("/api/v1/transcribe")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("error_code", equalTo("payload_too_large"))
                .body("detail", equalTo("Uploads are limited to 1 MiB."));
        assertEquals(jobsBefore, infra.countJobs());
        assertEquals(objectsBefore, infra.objectKeys().size());
    }

    @Test
    void aStreamedBodyWithoutALengthIsCutOffAtTheLimit() throws Exception {
        long jobsBefore = infra.countJobs();
        int objectsBefore = infra.objectKeys().size();
        String boundary = "stt-boundary-7d1e";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"long.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(transcribe)
                .header("X-API-Key", SecuredApiProfile.DELTA)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                // an InputStream publisher has no length: the body goes chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(java.util.Collections.enumeration(
                        java.util.List.of(new ByteArrayInputStream(head), new ByteArrayInputStream(Bodies.riffWav(TWO_MIB)),
                                new ByteArrayInputStream(tail))))))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertEquals("payload_too_large", problem.get("error_code").asText());
        assertEquals(jobsBefore, infra.countJobs());
        assertEquals(objectsBefore, infra.objectKeys().size());
    }

    /** A RIFF/WAVE header and noise: passes the byte check, so only the size can refuse it. */
}
