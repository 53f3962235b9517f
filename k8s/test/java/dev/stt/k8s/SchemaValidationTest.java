package dev.stt.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every object the chart renders validates against the schema of its API version (Kubernetes 1.34, KEDA, the
 * Prometheus Operator), strictly: a field no schema declares fails, as a misspelt {@code replicass} would
 * otherwise be dropped by the API server without a word.
 */
class SchemaValidationTest {

    private static final Path PRODUCTION = Path.of("values", "production-example.yaml");
    private static final Path LOCAL_PODS = Path.of("values", "local-pods.yaml");

    @Test
    void theDefaultRenderingIsValid() {
        assertValid(Chart.render());
    }

    @Test
    void theProductionExampleIsValid() {
        Rendered rendered = Rendered.parse(Chart.template(PRODUCTION));

        Set<String> kinds = new TreeSet<>();
        rendered.objects.forEach(o -> kinds.add(o.path("apiVersion").asText() + " " + o.path("kind").asText()));
        assertTrue(kinds.containsAll(Set.of("apps/v1 Deployment", "v1 ConfigMap", "v1 Service", "v1 ServiceAccount",
                        "networking.k8s.io/v1 Ingress", "autoscaling/v2 HorizontalPodAutoscaler", "policy/v1 PodDisruptionBudget",
                        "keda.sh/v1alpha1 ScaledObject", "monitoring.coreos.com/v1 ServiceMonitor")),
                "the production example renders every kind the chart has: " + kinds);
        assertValid(rendered);
    }

    @Test
    void theValuesOfTheDeployTestAreValid() {
        assertValid(Rendered.parse(Chart.template(LOCAL_PODS)));
    }

    @Test
    void thePlainManifestsAreValid() throws IOException {
        assertValid(Rendered.parse(Files.readString(Path.of("manifests", "stt.yaml"))));
    }

    @Test
    void aMisspeltFieldFails() {
        List<JsonNode> objects = copy(Chart.render());
        ObjectNode spec = (ObjectNode) deployment(objects, WorkloadTest.API).path("spec");
        spec.set("replicass", spec.remove("replicas"));
        ObjectNode container = (ObjectNode) spec.path("template").path("spec").path("containers").get(0);
        container.put("imagePullPolicyy", "Always");

        SchemaValidator.Result result = SchemaValidator.validate(objects);

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("Deployment/stt-api: /spec/replicass: unknown field"), result.output());
        assertTrue(result.output().contains(
                "Deployment/stt-api: /spec/template/spec/containers/0/imagePullPolicyy: unknown field"), result.output());
        assertEquals(2, result.output().lines().count(), "nothing else is reported: " + result.output());
    }

    @Test
    void aValueOfTheWrongTypeFails() {
        List<JsonNode> objects = copy(Chart.render());
        ObjectNode spec = (ObjectNode) deployment(objects, WorkloadTest.WORKER).path("spec");
        spec.put("replicas", "two");

        SchemaValidator.Result result = SchemaValidator.validate(objects);

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("Deployment/stt-worker: /spec/replicas: must be integer"), result.output());
    }

    @Test
    void anUnknownFieldOfACustomResourceFails() {
        List<JsonNode> objects = copy(Rendered.parse(Chart.template(PRODUCTION)));
        JsonNode scaledObject = objects.stream().filter(o -> o.path("kind").asText().equals("ScaledObject")).findFirst()
                .orElseThrow();
        ObjectNode trigger = (ObjectNode) scaledObject.path("spec").path("triggers").get(0);
        trigger.set("metadataa", trigger.remove("metadata"));

        SchemaValidator.Result result = SchemaValidator.validate(objects);

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("ScaledObject/stt-worker: /spec/triggers/0/metadataa: unknown field"), result.output());
    }

    @Test
    void anApiVersionWithoutASchemaFails() {
        List<JsonNode> objects = copy(Chart.render());
        ((ObjectNode) deployment(objects, WorkloadTest.API)).put("apiVersion", "apps/v1beta9");

        SchemaValidator.Result result = SchemaValidator.validate(objects);

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("Deployment/stt-api: no schema for Deployment in apps/v1beta9"), result.output());
    }

    private static void assertValid(Rendered rendered) {
        SchemaValidator.Result result = SchemaValidator.validate(rendered.objects);
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(rendered.objects.size() + " objects valid", result.output().strip());
    }

    private static List<JsonNode> copy(Rendered rendered) {
        List<JsonNode> copies = new ArrayList<>();
        rendered.objects.forEach(o -> copies.add(o.deepCopy()));
        return copies;
    }

    private static JsonNode deployment(List<JsonNode> objects, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals("Deployment") && o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
