package dev.stt.api.security;

import static dev.stt.api.security.KeysWithoutRateLimitProfile.ATTACKER;
import static dev.stt.api.security.KeysWithoutRateLimitProfile.VICTIM;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.api.support.Infra;
import dev.stt.api.support.RawHttp;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.transcript.TranscriptFormat;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Attacks every route the application declares (read from its OpenAPI document, so a route added tomorrow is
 * attacked too), spelled every way a path can be bent — matrix parameters on each segment, encoded slashes and
 * dots, dot segments, doubled slashes, upper case, a trailing slash, detours through the public paths — as a
 * caller with no key, with a wrong key, and with another valid key aimed at the victim's job. Nothing may answer
 * 2xx with the victim's data, and the victim's jobs, log lines, files and deletions must be exactly as before.
 */
@QuarkusTest
@TestProfile(HostileInputTest.ShortCompatWait.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRONG_KEY = "victim-key-5e0c2b9b";

    @Inject
    Infra infra;

    enum Caller { NO_KEY, WRONG_KEY, OTHER_KEY }

    /** The attacker's own OpenAI-compatible transcriptions are answered (504) after a second, not ten minutes. */
    public static class ShortCompatWait extends KeysWithoutRateLimitProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(super.getConfigOverrides());
            config.put("stt.openai-compat.wait", "1S");
            return config;
        }
    }

    record Route(String method, String template, String contentType) {
        boolean namesAJob() {
            return template.contains("{");
        }
    }

    @Test
    void noSpellingOfAnyRouteReachesAnotherKeysJobs() throws IOException {
        String victimJob = victimHasACompletedJob();
        String victimDeletion = victimHasABulkDeletion();
        Snapshot before = snapshot(victimJob, victimDeletion);
        List<Route> routes = declaredRoutes();
        assertTrue(routes.size() >= 11, "the OpenAPI document lists the job routes: " + routes);

        List<String> violations = new ArrayList<>();
        int tried = 0;
        for (Route route : routes) {
            String path = route.template().replaceAll("\\{[^}]+}", route.template().startsWith("/api/v1/deletions")
                    ? victimDeletion : victimJob);
            for (String spelling : spellings(path)) {
                for (Caller caller : Caller.values()) {
                    RawHttp.Answer answer = send(route, spelling, caller);
                    tried++;
                    violation(route, spelling, caller, answer, victimJob, victimDeletion).ifPresent(violations::add);
                }
            }
        }

        System.out.printf("HostileInputTest: %d hostile requests on %d declared routes%n", tried, routes.size());
        assertEquals(List.of(), violations, "requests that reached what they must not");
        assertEquals(before, snapshot(victimJob, victimDeletion), "the victim's jobs, lines, files and deletions");
        assertEquals(0, infra.count("SELECT count(*) FROM jobs WHERE owner_key_hash IS NULL"), "no job without an owner");
        assertEquals(0, infra.count("SELECT count(*) FROM deletions WHERE owner_key_hash IS NULL"), "no deletion without an owner");
    }

    /** What is wrong with this answer, if anything. */
    private static java.util.Optional<String> violation(Route route, String spelling, Caller caller, RawHttp.Answer answer,
            String victimJob, String victimDeletion) {
        String what = caller + " " + route.method() + " " + spelling + " -> " + answer.status();
        int status = answer.status();
        // the other key's own OpenAI-compatible transcription is accepted and waited for; no worker runs here, so
        // its wait (1 s in this profile) ends in the 504 that names the caller's own job
        boolean ownTranscriptionStillRunning = caller == Caller.OTHER_KEY && status == 504
                && route.template().equals("/v1/audio/transcriptions") && isOpenAiError(answer.body());
        if (status >= 500 && !ownTranscriptionStillRunning) {
            return java.util.Optional.of(what + " (server error)");
        }
        if (caller != Caller.OTHER_KEY && status != 400 && status != 401) {
            return java.util.Optional.of(what + " (a request without a valid key must be refused: 400 or 401)");
        }
        if (status < 300 && route.namesAJob()) {
            return java.util.Optional.of(what + " (another key reached the victim's job or deletion)");
        }
        if (status < 300 && (answer.body().contains(victimJob) || answer.body().contains(victimDeletion))) {
            return java.util.Optional.of(what + " (the answer shows the victim's job or deletion)");
        }
        if (status >= 300 && !answer.body().contains("\"error_code\"")
                && !(route.template().startsWith("/v1/") && isOpenAiError(answer.body()))) {
            return java.util.Optional.of(what + " (a refusal without a problem document, or OpenAI's error object on /v1)");
        }
        return java.util.Optional.empty();
    }

    private static boolean isOpenAiError(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.path("message").isTextual() && error.path("type").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    /** Every way of writing {@code path} that some layer might read differently from another. */
    static Set<String> spellings(String path) {
        Set<String> spellings = new LinkedHashSet<>();
        String[] segments = path.substring(1).split("/");
        spellings.add(path);
        spellings.add(path + "/");
        spellings.add(path.toUpperCase(Locale.ROOT));
        spellings.add("/" + segments[0].toUpperCase(Locale.ROOT) + path.substring(segments[0].length() + 1));
        for (int i = 0; i < segments.length; i++) {
            spellings.add(join(segments, i, segments[i] + ";x"));
            spellings.add(join(segments, i, segments[i] + ";jsessionid=1"));
            spellings.add(join(segments, i, "." + "/" + segments[i]));
            spellings.add(join(segments, i, "%2e/" + segments[i]));
            spellings.add(join(segments, i, "x/../" + segments[i]));
            spellings.add(join(segments, i, "x/%2e%2e/" + segments[i]));
            spellings.add(join(segments, i, "/" + segments[i]));
            if (i > 0) {
                spellings.add(path.replaceFirst("/" + java.util.regex.Pattern.quote(segments[i]) + "(/|$)",
                        "%2F" + segments[i] + "$1"));
                spellings.add(path.replaceFirst("/" + java.util.regex.Pattern.quote(segments[i]) + "(/|$)",
                        "%2f" + segments[i] + "$1"));
            }
        }
        for (String detour : List.of("/q/health/../..", "/assets/..", "/q/health/%2e%2e/%2e%2e", "/assets/..%2f..",
                "/index.html/..", "/q/metrics/..;", "/assets/%2e%2e")) {
            spellings.add(detour + path);
        }
        return spellings;
    }

    private static String join(String[] segments, int replaced, String replacement) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            path.append('/').append(i == replaced ? replacement : segments[i]);
        }
        return path.toString();
    }

    private static RawHttp.Answer send(Route route, String path, Caller caller) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (caller) {
            case WRONG_KEY -> headers.put("X-API-Key", WRONG_KEY);
            case OTHER_KEY -> headers.put("X-API-Key", ATTACKER);
            default -> { }
        }
        byte[] body = new byte[0];
        if (route.contentType() != null && route.contentType().startsWith("multipart/")) {
            RawHttp.Multipart form = RawHttp.Multipart.of("clip.wav", Files.readAllBytes(SpeechFixtures.clips().get(1)), Map.of());
            headers.put("Content-Type", form.contentType());
            body = form.body();
        } else if (route.contentType() != null) {
            headers.put("Content-Type", route.contentType());
            body = "{\"audio_url\": \"http://127.0.0.1:9/clip.wav\"}".getBytes(StandardCharsets.UTF_8);
        }
        return RawHttp.request(RestAssured.port, route.method(), path, headers, body);
    }

    /** Every operation of the OpenAPI document the application serves. */
    private static List<Route> declaredRoutes() throws IOException {
        JsonNode paths = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString())
                .path("paths");
        List<Route> routes = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            JsonNode content = operation.getValue().path("requestBody").path("content");
            String contentType = content.isObject() && content.fieldNames().hasNext() ? content.fieldNames().next() : null;
            routes.add(new Route(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), contentType));
        }));
        return routes;
    }

    private String victimHasACompletedJob() {
        String job = given().header("X-API-Key", VICTIM)
                .multiPart("file", SpeechFixtures.clips().get(0).toFile())
                .when().post("/api/v1/transcribe")
                .then().statusCode(202)
                .extract().path("job_id");
        UUID id = UUID.fromString(job);
        for (TranscriptFormat format : TranscriptFormat.values()) {
            infra.putText(ObjectKeys.transcript(id, format), "victim transcript " + job);
        }
        infra.markCompleted(id);
        return job;
    }

    private static String victimHasABulkDeletion() {
        return given().header("X-API-Key", VICTIM)
                .when().delete("/api/v1/jobs?status=failed")
                .then().statusCode(202)
                .extract().path("deletion_id");
    }

    record Snapshot(List<String> jobRows, long logLines, List<String> objects, List<String> deletionRows) {
    }

    private Snapshot snapshot(String victimJob, String victimDeletion) {
        UUID job = UUID.fromString(victimJob);
        List<String> jobs = new ArrayList<>();
        var row = infra.jobRow(job);
        jobs.add(row == null ? "missing" : row.getString("status") + "|" + row.getValue("deletion_id") + "|"
                + row.getValue("updated_at") + "|" + row.getString("owner_key_hash"));
        List<String> objects = infra.objectKeys().stream().filter(key -> key.startsWith(ObjectKeys.jobPrefix(job))).sorted().toList();
        List<String> deletions = List.of(infra.count("SELECT count(*) FROM deletions WHERE id = $1 AND state = 'running'",
                UUID.fromString(victimDeletion)) + "");
        return new Snapshot(jobs, infra.countEvents(job), objects, deletions);
    }
}
