package dev.stt.k8s;

import static dev.stt.k8s.WorkloadTest.API;
import static dev.stt.k8s.WorkloadTest.WORKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stt.common.stream.WorkStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Worker replicas: fixed, a CPU HPA, or KEDA on the work stream; never two owners at once. */
class ScalingTest {

    @Test
    void kedaScalesTheWorkersOnTheWorkStream() {
        Rendered rendered = Chart.render("""
                redis: {host: cache.db, port: 6380, database: 2}
                worker:
                  concurrency: 3
                  keda: {enabled: true, minReplicas: 1, maxReplicas: 12, lagCount: 6}
                """);
        JsonNode scaledObject = rendered.get("ScaledObject", WORKER).path("spec");
        List<JsonNode> triggers = triggers(scaledObject);

        assertEquals(WORKER, scaledObject.path("scaleTargetRef").path("name").asText());
        assertEquals(1, scaledObject.path("minReplicaCount").asInt());
        assertEquals(12, scaledObject.path("maxReplicaCount").asInt());
        assertEquals(2, triggers.size());
        for (JsonNode trigger : triggers) {
            JsonNode metadata = trigger.path("metadata");
            assertEquals("redis-streams", trigger.path("type").asText());
            assertEquals(WorkStream.KEY, metadata.path("stream").asText());
            assertEquals(WorkStream.GROUP, metadata.path("consumerGroup").asText());
            assertEquals("cache.db:6380", metadata.path("address").asText());
            assertEquals("2", metadata.path("databaseIndex").asText());
            // KEDA wants strings
            metadata.fields().forEachRemaining(f -> assertTrue(f.getValue().isTextual(), f.getKey()));
        }
        // busy slots per pod: a worker takes only as many entries as it has free slots
        assertEquals("3", triggers.get(0).path("metadata").path("pendingEntriesCount").asText());
        assertTrue(triggers.get(0).path("metadata").path("lagCount").isMissingNode());
        // the backlog nobody has taken yet is what adds pods
        assertEquals("6", triggers.get(1).path("metadata").path("lagCount").asText());
        assertTrue(triggers.get(1).path("metadata").path("pendingEntriesCount").isMissingNode());

        // the ScaledObject owns the replica count
        assertTrue(rendered.get("Deployment", WORKER).path("spec").path("replicas").isMissingNode());
        assertEquals(List.of(), rendered.all("HorizontalPodAutoscaler"));
        assertEquals(2, rendered.get("Deployment", API).path("spec").path("replicas").asInt());
    }

    @Test
    void kedaReadsTheRedisPasswordFromTheWorkersOwnEnvironment() {
        Rendered withPassword = Chart.render("worker: {keda: {enabled: true}}\nsecret: {values: {redisPassword: hunter2}}\n");
        Rendered withoutPassword = Chart.render("worker: {keda: {enabled: true}}\n");

        for (JsonNode trigger : triggers(withPassword.get("ScaledObject", WORKER).path("spec"))) {
            String variable = trigger.path("metadata").path("passwordFromEnv").asText();
            assertEquals("QUARKUS_REDIS_PASSWORD", variable);
            assertTrue(withPassword.environment(WORKER).get(variable).has("secretKeyRef"));
            assertFalse(trigger.toString().contains("hunter2"));
        }
        for (JsonNode trigger : triggers(withoutPassword.get("ScaledObject", WORKER).path("spec"))) {
            assertTrue(trigger.path("metadata").path("passwordFromEnv").isMissingNode());
        }
    }

    @Test
    void withoutTheLagTriggerKedaCannotWakeWorkersFromZero() {
        Rendered redis6 = Chart.render("worker: {keda: {enabled: true, lagCount: 0}}\n");

        List<JsonNode> triggers = triggers(redis6.get("ScaledObject", WORKER).path("spec"));
        assertEquals(1, triggers.size());
        assertEquals("2", triggers.get(0).path("metadata").path("pendingEntriesCount").asText());

        String error = Chart.renderError("worker: {keda: {enabled: true, lagCount: 0, minReplicas: 0}}\n");
        assertTrue(error.contains("minReplicas 0 needs worker.keda.lagCount"), error);
    }

    @Test
    void aCpuAutoscalerIsTheAlternative() {
        Rendered rendered = Chart.render("worker: {autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 8}}\napi: {autoscaling: {enabled: true}}\n");

        for (String deployment : List.of(API, WORKER)) {
            JsonNode hpa = rendered.get("HorizontalPodAutoscaler", deployment).path("spec");
            assertEquals(deployment, hpa.path("scaleTargetRef").path("name").asText());
            assertEquals("cpu", hpa.path("metrics").get(0).path("resource").path("name").asText());
            assertTrue(rendered.get("Deployment", deployment).path("spec").path("replicas").isMissingNode(), deployment);
        }
        assertEquals(8, rendered.get("HorizontalPodAutoscaler", WORKER).path("spec").path("maxReplicas").asInt());
        assertEquals(List.of(), rendered.all("ScaledObject"));

        String error = Chart.renderError("worker: {autoscaling: {enabled: true}, keda: {enabled: true}}\n");
        assertTrue(error.contains("exclusive"), error);
    }

    @Test
    void aFixedReplicaCountOtherwise() {
        Rendered rendered = Chart.render("worker: {replicas: 5}\n");

        assertEquals(5, rendered.get("Deployment", WORKER).path("spec").path("replicas").asInt());
    }

    private static List<JsonNode> triggers(JsonNode scaledObjectSpec) {
        List<JsonNode> triggers = new ArrayList<>();
        scaledObjectSpec.path("triggers").forEach(triggers::add);
        return triggers;
    }
}
