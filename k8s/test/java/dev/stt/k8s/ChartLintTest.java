package dev.stt.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = Chart.lint();

        List<String> problems = result.getMessages().stream()
                .filter(m -> !m.startsWith("[INFO]"))
                .toList();
        assertFalse(result.isFailed(), "helm lint --strict failed: " + result.getMessages());
        assertEquals(List.of(), problems);
    }

    @Test
    void misspeltValuesAreRefusedRatherThanIgnored() {
        String error = Chart.renderError("worker:\n  keda:\n    enable: true\n");

        // values.schema.json: a KEDA that silently stays off would be worse
        assertTrue(error.contains("/worker/keda") && error.contains("'enable' not allowed"), error);
        assertTrue(Chart.renderError("worker: {extraConfig: {stt.chunk-seconds: 30}}\n").contains("'stt.chunk-seconds' does not match"));
    }

    @Test
    void appVersionIsTheProjectVersion() throws Exception {
        JsonNode chart = new YAMLMapper().readTree(Files.readString(Chart.DIR.resolve("Chart.yaml")));
        String projectVersion = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Chart.DIR.resolve("../../pom.xml").toFile())
                .getElementsByTagName("version").item(0).getTextContent();

        // the default image tag: images are built from this project version
        assertEquals(projectVersion, chart.path("appVersion").asText());
    }

    @Test
    void everyValueIsDocumented() throws IOException {
        List<String> lines = Files.readAllLines(Chart.DIR.resolve("values.yaml"));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.matches("^\\s*[A-Za-z][A-Za-z0-9]*:.*") || isInsideDocumentedBlock(lines, i)) {
                continue;
            }
            assertTrue(lines.get(i - 1).trim().startsWith("#"),
                    "values.yaml line " + (i + 1) + " has no comment above it: " + line.trim());
        }
    }

    /** Keys under a commented parent that holds plain Kubernetes objects (security contexts, resources, probe timing). */
    private static boolean isInsideDocumentedBlock(List<String> lines, int index) {
        int indent = indent(lines.get(index));
        for (int i = index - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.isBlank() || line.trim().startsWith("#") || line.trim().startsWith("-")) {
                continue;
            }
            if (indent(line) < indent) {
                String parent = line.trim();
                return parent.startsWith("podSecurityContext") || parent.startsWith("containerSecurityContext")
                        || parent.startsWith("resources") || parent.startsWith("requests") || parent.startsWith("limits")
                        || parent.startsWith("startup") || parent.startsWith("liveness") || parent.startsWith("readiness")
                        || parent.startsWith("seccompProfile") || parent.startsWith("capabilities")
                        || parent.startsWith("hosts") || parent.startsWith("paths");
            }
        }
        return false;
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }
}
