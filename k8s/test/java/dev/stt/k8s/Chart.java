package dev.stt.k8s;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The chart in {@code chart/stt}, linted and rendered by real Helm (helm-java) without a cluster. */
final class Chart {

    static final Path DIR = Path.of("chart", "stt");
    /** The release name the tests and the plain manifests use: objects are named stt-api, stt-worker, ... */
    static final String RELEASE = "stt";

    private static final Helm HELM = new Helm(DIR);

    private Chart() {
    }

    static LintResult lint() {
        return HELM.lint().strict().call();
    }

    /** Renders with the chart's defaults plus the given values (YAML), like {@code helm template stt chart/stt -f values}. */
    static Rendered render(String valuesYaml) {
        return Rendered.parse(template(valuesYaml));
    }

    static Rendered render() {
        return render("");
    }

    /** Helm's text output, comments and all. */
    static String template(String valuesYaml) {
        Path values = writeTemp(valuesYaml);
        try {
            return template(values);
        } finally {
            deleteQuietly(values);
        }
    }

    static String template(Path valuesFile) {
        return template(List.of(valuesFile));
    }

    /** Helm's text output for several values files, later ones overriding earlier ones (helm template -f a -f b). */
    static String template(List<Path> valuesFiles) {
        TemplateCommand template = HELM.template().withName(RELEASE);
        valuesFiles.forEach(template::withValuesFile);
        return template.call();
    }

    /** The install notes Helm prints for these values (a client-only dry run of helm install). */
    static String notes(String valuesYaml) {
        Path values = writeTemp(valuesYaml);
        try {
            String output = HELM.install().withName(RELEASE).withNamespace("speech").withValuesFile(values)
                    .dryRun().clientOnly().call().getOutput();
            return output.substring(output.indexOf("NOTES:"));
        } finally {
            deleteQuietly(values);
        }
    }

    /** The message Helm fails with for these values; fails the test if Helm renders them. */
    static String renderError(String valuesYaml) {
        try {
            template(valuesYaml);
        } catch (IllegalStateException expected) {
            return expected.getMessage();
        }
        throw new AssertionError("Helm rendered values it should refuse:\n" + valuesYaml);
    }

    private static Path writeTemp(String content) {
        try {
            Path file = Files.createTempFile("stt-values-", ".yaml");
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file; the OS cleans up
        }
    }
}
