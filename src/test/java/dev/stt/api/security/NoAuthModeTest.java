package dev.stt.api.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The default test profile configures no keys and no origins: local development mode. */
@QuarkusTest
class NoAuthModeTest {

    @Test
    void requestsNeedNoKey() {
        given()
                .when().get("/api/v1/jobs")
                .then()
                .statusCode(200);
    }

    @Test
    void anyPresentedKeyIsIgnored() {
        given()
                .header("X-API-Key", "anything")
                .when().get("/api/v1/jobs")
                .then()
                .statusCode(200);
    }

    @Test
    void withoutConfiguredOriginsNoOtherOriginIsAllowed() {
        given()
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/jobs")
                .then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
