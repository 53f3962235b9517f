package dev.stt.api.events;

import static dev.stt.api.security.KeysWithoutRateLimitProfile.ATTACKER;
import static dev.stt.api.security.KeysWithoutRateLimitProfile.VICTIM;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.testing.SseClient;
import dev.stt.common.testing.SseClient.Frame;
import dev.stt.api.support.WorkerStandIn;
import dev.stt.common.testing.SpeechFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(EventsProfile.class)
class JobEventsTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @Inject
    WorkerStandIn worker;

    @Test
    void aClientConnectedBeforeTheJobStartsGetsEveryChangeAndTheStreamEnds() {
        UUID job = submit();
        try (SseClient events = open(job, VICTIM, Map.of())) {
            assertEquals(200, events.status());
            assertTrue(events.header("Content-Type").startsWith("text/event-stream"), events.header("Content-Type"));
            Frame first = events.nextEvent(SOON);
            assertEquals("status", first.name());
            assertEquals("uploaded", data(first).getString("status"));
            assertNotNull(first.id(), "the first event carries an id to resume from");

            List<String> ids = List.of(worker.startProcessing(job), worker.split(job, 2), worker.chunkDone(job),
                    worker.chunkDone(job), worker.complete(job));
            List<Frame> received = events.eventsUntilEnd(SOON);

            assertEquals(ids, received.stream().map(Frame::id).toList(), "every event, in order, with the stream's ids");
            assertEquals(List.of("status", "progress", "progress", "progress", "status"),
                    received.stream().map(Frame::name).toList());
            assertEquals(List.of("processing", "processing", "processing", "processing", "completed"),
                    received.stream().map(f -> data(f).getString("status")).toList());
            assertEquals(List.of(0, 0, 1, 2, 2), received.stream().map(f -> data(f).getInt("progress.chunks_done")).toList());
            assertEquals(2, data(received.get(1)).getInt("progress.chunks_total"));
            assertEquals(job.toString(), data(received.get(4)).getString("job_id"));
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsOnlyNewerEvents() {
        UUID job = submit();
        String processing = worker.startProcessing(job);
        String split = worker.split(job, 1);
        String chunk = worker.chunkDone(job);
        String completed = worker.complete(job);

        try (SseClient resumed = open(job, VICTIM, Map.of("Last-Event-ID", processing))) {
            List<Frame> received = resumed.eventsUntilEnd(SOON);
            assertEquals(List.of(split, chunk, completed), received.stream().map(Frame::id).toList());
        }
        try (SseClient done = open(job, VICTIM, Map.of("Last-Event-ID", completed))) {
            assertEquals(204, done.status(), "nothing newer after the final status: EventSource stops reconnecting");
        }
        try (SseClient late = open(job, VICTIM, Map.of())) {
            List<Frame> received = late.eventsUntilEnd(SOON);
            assertEquals(1, received.size(), "a new client gets the state now, then the stream ends: " + received);
            assertEquals("completed", data(received.get(0)).getString("status"));
            assertEquals(completed, received.get(0).id());
        }
    }

    @Test
    void heartbeatsKeepTheStreamAliveAndALostFinalEventIsTakenFromTheDatabase() {
        UUID job = submit();
        try (SseClient events = open(job, VICTIM, Map.of())) {
            assertEquals("uploaded", data(events.nextEvent(SOON)).getString("status"));
            Frame heartbeat = events.next(SOON);
            assertTrue(heartbeat.isComment(), "a heartbeat comment while nothing happens: " + heartbeat);

            worker.completeSilently(job);
            List<Frame> received = events.eventsUntilEnd(SOON);
            assertEquals(1, received.size(), received.toString());
            assertEquals("completed", data(received.get(0)).getString("status"));
        }
    }

    @Test
    void onlyTheOwnerMayListen() {
        UUID job = submit();
        given().header("X-API-Key", ATTACKER).accept("text/event-stream")
                .when().get("/api/v1/jobs/" + job + "/events")
                .then().statusCode(404).body("error_code", org.hamcrest.Matchers.equalTo("not_found"));
        given().accept("text/event-stream")
                .when().get("/api/v1/jobs/" + job + "/events")
                .then().statusCode(401).body("error_code", org.hamcrest.Matchers.equalTo("auth_error"));
        given().header("X-API-Key", VICTIM).header("Last-Event-ID", "not-an-id").accept("text/event-stream")
                .when().get("/api/v1/jobs/" + job + "/events")
                .then().statusCode(400).body("error_code", org.hamcrest.Matchers.equalTo("validation_error"));
    }

    @Test
    void aKeyHoldsAtMostItsLimitOfOpenStreams() {
        UUID job = submit();
        SseClient first = open(job, VICTIM, Map.of());
        SseClient second = open(job, VICTIM, Map.of());
        try {
            assertEquals(200, first.status());
            assertEquals(200, second.status());
            first.nextEvent(SOON);
            second.nextEvent(SOON);
            var refused = given().header("X-API-Key", VICTIM).accept("text/event-stream")
                    .when().get("/api/v1/jobs/" + job + "/events");
            assertEquals(429, refused.statusCode());
            assertEquals("rate_limited", refused.jsonPath().getString("error_code"));
            assertNotNull(refused.header("Retry-After"));
        } finally {
            first.close();
        }
        try {
            // the closed stream's place is freed once the API notices the connection is gone
            awaitOpenable(job);
        } finally {
            second.close();
        }
        worker.complete(job);
    }

    @Test
    void aDeletedJobEndsItsStream() {
        UUID job = submit();
        try (SseClient events = open(job, VICTIM, Map.of())) {
            events.nextEvent(SOON);
            given().header("X-API-Key", VICTIM).when().delete("/api/v1/jobs/" + job).then().statusCode(204);
            List<Frame> rest = events.eventsUntilEnd(SOON);
            assertTrue(rest.stream().allMatch(f -> "cancelled".equals(data(f).getString("status"))), rest.toString());
        }
    }

    @Test
    void cancellingAJobIsAnEvent() {
        UUID job = submit();
        try (SseClient events = open(job, VICTIM, Map.of())) {
            events.nextEvent(SOON);
            given().header("X-API-Key", VICTIM).when().post("/api/v1/jobs/" + job + "/cancel").then().statusCode(200);
            List<Frame> rest = events.eventsUntilEnd(SOON);
            assertEquals(1, rest.size(), rest.toString());
            assertEquals("cancelled", data(rest.get(0)).getString("status"));
            assertNotNull(rest.get(0).id(), "published by the API, with a stream id");
        }
    }

    private void awaitOpenable(UUID job) {
        long giveUp = System.nanoTime() + SOON.toNanos();
        while (true) {
            try (SseClient again = open(job, VICTIM, Map.of())) {
                if (again.status() == 200) {
                    return;
                }
                assertEquals(429, again.status());
            }
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("a closed stream still counts against the key after " + SOON);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private static SseClient open(UUID job, String key, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("X-API-Key", key);
        return SseClient.open("http://localhost:" + RestAssured.port + "/api/v1/jobs/" + job + "/events", all);
    }

    private static UUID submit() {
        return UUID.fromString(given().header("X-API-Key", VICTIM)
                .multiPart("file", SpeechFixtures.clips().get(0).toFile())
                .when().post("/api/v1/transcribe")
                .then().statusCode(202)
                .extract().path("job_id"));
    }

    private static JsonPath data(Frame frame) {
        return new JsonPath(frame.data());
    }
}
