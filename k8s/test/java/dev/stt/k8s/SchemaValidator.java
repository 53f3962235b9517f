package dev.stt.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The strict schema validator of {@code k8s/schema} (Node, the Kubernetes 1.34 schemas of kubernetes-models), which
 * Maven copies to {@code target/schema-validator} and installs with {@code npm ci} before the tests run.
 */
final class SchemaValidator {

    private static final Path DIR = Path.of(System.getProperty("stt.k8s.schema-validator", "target/schema-validator"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaValidator() {
    }

    /** What the validator said: exit code 0 and "N objects valid", or 1 and one line per problem. */
    record Result(int exitCode, String output) {
    }

    static Result validate(List<JsonNode> objects) {
        Path input = null;
        Path output = null;
        try {
            input = Files.createTempFile("stt-objects-", ".json");
            output = Files.createTempFile("stt-validation-", ".txt");
            JSON.writeValue(input.toFile(), objects);
            Process node = new ProcessBuilder("node", DIR.resolve("validate.mjs").toString(), input.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!node.waitFor(2, TimeUnit.MINUTES)) {
                node.destroyForcibly();
                throw new AssertionError("the schema validator did not finish in 2 minutes");
            }
            return new Result(node.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node " + DIR.resolve("validate.mjs") + " (is Node.js installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(input);
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file; the OS cleans up
        }
    }
}
