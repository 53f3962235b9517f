package dev.stt.api.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stt.api.support.Infra;
import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@TestProfile(SecuredApiProfile.class)
class ApiKeyTest {

    @Inject
    Infra infra;

    @Test
    void aRequestWithoutAKeyIsUnauthorized() {
        given()
                .when().get("/api/v1/jobs")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("X-Request-ID", matchesPattern(".+"))
                .body("error_code", equalTo("auth_error"))
                .body("status", equalTo(401))
                .body("detail", containsString("X-API-Key"))
                .body("request_id", matchesPattern("[0-9a-f-]{36}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong", SecuredApiProfile.ALPHA + "x", "alpha-key", "", " "})
    void aWrongKeyIsUnauthorizedAndTheAnswerNamesNoKey(String key) {
        given()
                .header("X-API-Key", key)
                .when().get("/api/v1/jobs")
                .then()
                .statusCode(401)
                .body("error_code", equalTo("auth_error"))
                .body(not(containsString(SecuredApiProfile.ALPHA)));
    }

    @Test
    void aConfiguredKeyIsLetIn() {
        given()
                .header("X-API-Key", SecuredApiProfile.BETA)
                .when().get("/api/v1/jobs")
                .then()
                .statusCode(200)
                .body("jobs", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anUploadWithoutAKeyStoresNothing() {
        long jobsBefore = infra.countJobs();
        int objectsBefore = infra.objectKeys().size();
        given()
                .multiPart("file", SpeechFixtures.clips().get(0).toFile())
                .when().post("/api/v1/transcribe")
                .then()
                .statusCode(401)
                .body("error_code", equalTo("auth_error"));
        assertEquals(jobsBefore, infra.countJobs());
        assertEquals(objectsBefore, infra.objectKeys().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/live", "/q/metrics", "/q/openapi"})
    void operationsEndpointsNeedNoKey(String path) {
        given()
                .when().get(path)
                .then()
                .statusCode(200);
    }
}
