package dev.stt.api.security;

import static dev.stt.api.security.SecuredApiProfile.ALLOWED_ORIGIN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SecuredApiProfile.class)
class CorsTest {

    @Test
    void aPreflightFromTheAllowedOriginIsAnswered() {
        given()
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "x-api-key,content-type,x-request-id")
                .when().options("/api/v1/jobs")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN))
                .header("Access-Control-Allow-Methods", equalTo("GET,POST,DELETE,OPTIONS"))
                .header("Access-Control-Allow-Headers", equalTo("X-API-Key,Authorization,Content-Type,X-Request-ID"))
                .header("Access-Control-Allow-Credentials", equalTo("false"));
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        given()
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/transcribe")
                .then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aRequestFromAnotherOriginIsRefused() {
        given()
                .header("Origin", "https://app.example.com.evil.example")
                .header("X-API-Key", SecuredApiProfile.BETA)
                .when().get("/api/v1/jobs")
                .then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void browsersMayReadTheRequestId() {
        given()
                .header("Origin", ALLOWED_ORIGIN)
                .header("X-API-Key", SecuredApiProfile.BETA)
                .when().get("/api/v1/jobs")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN))
                .header("Access-Control-Expose-Headers", containsString("X-Request-ID"));
    }
}
