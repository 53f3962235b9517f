package dev.stt.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plain manifests for users without Helm are the chart rendered with manifests-values.yaml.
 * After a chart change, write them again with
 * {@code mvn -B -pl k8s -am test -Dtest=ManifestsInSyncTest -Dsurefire.failIfNoSpecifiedTests=false -Dstt.k8s.write-manifests=true}.
 */
class ManifestsInSyncTest {

    private static final Path VALUES = Path.of("manifests-values.yaml");
    private static final Path DIR = Path.of("manifests");
    private static final Path MANIFESTS = DIR.resolve("stt.yaml");
    private static final String HEADER = """
            # Rendered from the Helm chart (k8s/chart/stt) with k8s/manifests-values.yaml by
            # ManifestsInSyncTest; do not edit by hand. Create the Secret "stt" before applying:
            # see the README's "Deploy on Kubernetes".
            """;

    @Test
    void manifestsAreTheRenderedChart() throws IOException {
        String rendered = HEADER + Chart.template(VALUES);
        if (Boolean.getBoolean("stt.k8s.write-manifests")) {
            Files.writeString(MANIFESTS, rendered);
        }

        assertEquals(rendered, Files.readString(MANIFESTS),
                "k8s/manifests/stt.yaml is out of date; see ManifestsInSyncTest's javadoc to write it again");
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization = new YAMLMapper().readTree(DIR.resolve("kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));

        try (Stream<Path> files = Files.list(DIR)) {
            List<String> manifests = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
                    .sorted()
                    .toList();
            assertEquals(manifests, listed.stream().sorted().toList());
        }
    }

    @Test
    void manifestsCarryNoSecretObject() throws IOException {
        Rendered manifests = Rendered.parse(Files.readString(MANIFESTS));

        // credentials come from a Secret the user creates; the manifests only reference it
        assertEquals(List.of(), manifests.all("Secret"));
        assertFalse(SecretsTest.secretRefs(manifests, WorkloadTest.API).isEmpty());
        SecretsTest.secretRefs(manifests, WorkloadTest.WORKER).values()
                .forEach(ref -> assertEquals("stt", ref.path("name").asText()));
        assertTrue(manifests.names().containsAll(List.of("Deployment/stt-api", "Deployment/stt-worker",
                "Service/stt-api", "ConfigMap/stt-api", "ConfigMap/stt-worker", "PodDisruptionBudget/stt-worker")));
    }
}
