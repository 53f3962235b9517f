package dev.stt.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** The Kubernetes objects of one rendering, parsed, with lookups the tests need. */
final class Rendered {

    private static final YAMLMapper YAML = new YAMLMapper();

    final List<JsonNode> objects;

    private Rendered(List<JsonNode> objects) {
        this.objects = objects;
    }

    static Rendered parse(String yaml) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> objects = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(document);
                }
            }
            return new Rendered(objects);
        } catch (IOException e) {
            throw new UncheckedIOException("Helm's output is not YAML", e);
        }
    }

    List<JsonNode> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return all(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names()));
    }

    List<String> names() {
        return objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText()).toList();
    }

    /** The one container of a Deployment. */
    JsonNode container(String deployment) {
        JsonNode containers = podSpec(deployment).path("containers");
        if (containers.size() != 1) {
            throw new AssertionError(deployment + " should run one container, has " + containers.size());
        }
        return containers.get(0);
    }

    JsonNode podSpec(String deployment) {
        return get("Deployment", deployment).path("spec").path("template").path("spec");
    }

    /**
     * Every environment variable a Deployment's container gets: the ConfigMaps it imports with
     * envFrom (as plain values) and its own env entries (as their YAML, e.g. a secretKeyRef).
     */
    Map<String, JsonNode> environment(String deployment) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        JsonNode container = container(deployment);
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                String name = source.path("configMapRef").path("name").asText();
                get("ConfigMap", name).path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
            } else {
                throw new AssertionError(deployment + " imports something other than a ConfigMap: " + source);
            }
        }
        for (JsonNode entry : container.path("env")) {
            JsonNode value = entry.has("value") ? entry.path("value") : entry.path("valueFrom");
            if (env.put(entry.path("name").asText(), value) != null) {
                throw new AssertionError(deployment + " sets " + entry.path("name").asText() + " twice");
            }
        }
        return env;
    }

    /** The plain values (ConfigMap entries and literal env values) of a Deployment's environment. */
    Map<String, String> plainEnvironment(String deployment) {
        Map<String, String> plain = new LinkedHashMap<>();
        environment(deployment).forEach((name, value) -> {
            if (value.isValueNode()) {
                plain.put(name, value.asText());
            }
        });
        return plain;
    }

    /** The port number a named container port stands for. */
    int containerPort(String deployment, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        return StreamSupport.stream(container(deployment).path("ports").spliterator(), false)
                .filter(p -> port.asText().equals(p.path("name").asText()))
                .map(p -> p.path("containerPort").asInt())
                .findFirst()
                .orElseThrow(() -> new AssertionError(deployment + " has no port named " + port.asText()));
    }
}
