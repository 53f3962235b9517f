package dev.stt.k8s;

import static dev.stt.k8s.WorkloadTest.API;
import static dev.stt.k8s.WorkloadTest.WORKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Passwords and keys live in a Secret and reach the pods as secretKeyRefs, and only the pods that need them. */
class SecretsTest {

    /** Secret values entry -> the variable it becomes. */
    private static final Map<String, String> VARIABLES = Map.of(
            "apiKeys", "STT_API_KEYS",
            "postgresqlPassword", "QUARKUS_DATASOURCE_PASSWORD",
            "redisPassword", "QUARKUS_REDIS_PASSWORD",
            "s3AccessKeyId", "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID",
            "s3SecretAccessKey", "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY",
            "openaiApiKey", "STT_OPENAI_API_KEY",
            "geminiApiKey", "STT_GEMINI_API_KEY",
            "webhookSecret", "STT_WEBHOOK_SECRET");

    private static final Set<String> SHARED = Set.of("QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_PASSWORD",
            "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY");

    private final Map<String, String> values = randomValues();
    private final Rendered rendered = Chart.render(valuesYaml(values));

    @Test
    void secretValuesAppearNowhereButInTheSecret() {
        JsonNode secret = rendered.get("Secret", "stt");

        for (Map.Entry<String, String> entry : values.entrySet()) {
            String stored = secret.path("data").path(VARIABLES.get(entry.getKey())).asText();
            assertEquals(entry.getValue(), new String(Base64.getDecoder().decode(stored), StandardCharsets.UTF_8));
        }
        for (JsonNode object : rendered.objects) {
            if (object.path("kind").asText().equals("Secret")) {
                continue;
            }
            String text = object.toString();
            values.values().forEach(v -> assertFalse(text.contains(v), "a secret value in " + object.path("kind") + " " + object.path("metadata").path("name")));
        }
    }

    @Test
    void eachServiceReadsOnlyTheSecretsItNeeds() {
        assertEquals(union(SHARED, Set.of("STT_API_KEYS", "QUARKUS_REDIS_RATELIMIT_PASSWORD")), secretRefs(rendered, API).keySet());
        assertEquals(union(SHARED, Set.of("STT_OPENAI_API_KEY", "STT_GEMINI_API_KEY", "STT_WEBHOOK_SECRET")), secretRefs(rendered, WORKER).keySet());

        for (String deployment : List.of(API, WORKER)) {
            secretRefs(rendered, deployment).forEach((env, ref) -> {
                assertEquals("stt", ref.path("name").asText());
                // the rate-limit client connects to the same Redis with the same password
                String expectedKey = env.equals("QUARKUS_REDIS_RATELIMIT_PASSWORD") ? "QUARKUS_REDIS_PASSWORD" : env;
                assertEquals(expectedKey, ref.path("key").asText());
            });
        }
    }

    @Test
    void configMapsHoldNothingThatLooksSecret() {
        for (JsonNode configMap : rendered.all("ConfigMap")) {
            configMap.path("data").fieldNames().forEachRemaining(name ->
                    assertFalse(name.matches("(?i).*(PASSWORD|SECRET|TOKEN|API_KEY|ACCESS_KEY).*"), name));
        }
        String error = Chart.renderError("worker:\n  extraConfig:\n    STT_OPENAI_API_KEY: sk-oops\n");
        assertTrue(error.contains("looks secret"), error);
    }

    @Test
    void unsetValuesAreLeftOut() {
        Rendered bare = Chart.render("secret:\n  values:\n    postgresqlPassword: only-this\n");

        assertEquals(Set.of("QUARKUS_DATASOURCE_PASSWORD"), secretRefs(bare, API).keySet());
        assertEquals(Set.of("QUARKUS_DATASOURCE_PASSWORD"), secretRefs(bare, WORKER).keySet());
        assertEquals(Set.of("QUARKUS_DATASOURCE_PASSWORD"), fieldNames(bare.get("Secret", "stt").path("data")));
    }

    @Test
    void anExistingSecretIsReferencedByItsKeys() {
        Rendered existing = Chart.render("""
                secret:
                  existingSecret: team-stt
                  keys:
                    postgresqlPassword: pg-password
                  values:
                    postgresqlPassword: ignored-with-an-existing-secret
                """);

        assertEquals(List.of(), existing.all("Secret"));
        Map<String, JsonNode> api = secretRefs(existing, API);
        Map<String, JsonNode> worker = secretRefs(existing, WORKER);
        assertEquals(secretRefs(rendered, API).keySet(), api.keySet());
        assertEquals(secretRefs(rendered, WORKER).keySet(), worker.keySet());
        assertEquals("pg-password", api.get("QUARKUS_DATASOURCE_PASSWORD").path("key").asText());
        for (Map<String, JsonNode> refs : List.of(api, worker)) {
            refs.forEach((env, ref) -> {
                assertEquals("team-stt", ref.path("name").asText());
                // what the services cannot run without must be there; the rest may be missing
                boolean required = env.equals("STT_API_KEYS") || env.equals("QUARKUS_DATASOURCE_PASSWORD") || env.startsWith("QUARKUS_S3_");
                assertEquals(!required, ref.path("optional").asBoolean(false), env);
            });
        }
    }

    @Test
    void ambientS3CredentialsNeedNoKeys() {
        Map<String, String> withoutS3Keys = new LinkedHashMap<>(values);
        withoutS3Keys.remove("s3AccessKeyId");
        withoutS3Keys.remove("s3SecretAccessKey");
        Rendered irsa = Chart.render(valuesYaml(withoutS3Keys) + "s3:\n  credentials: default\n");

        for (String deployment : List.of(API, WORKER)) {
            assertFalse(secretRefs(irsa, deployment).keySet().stream().anyMatch(env -> env.startsWith("QUARKUS_S3_")), deployment);
            assertEquals("default", irsa.plainEnvironment(deployment).get("QUARKUS_S3_AWS_CREDENTIALS_TYPE"));
        }
        String error = Chart.renderError("s3:\n  credentials: env\n");
        assertTrue(error.contains("/s3/credentials") && error.contains("'static', 'default'"), error);
    }

    @Test
    void secretChangesRollThePods() {
        Rendered rotated = Chart.render(valuesYaml(randomValues()));

        for (String deployment : List.of(API, WORKER)) {
            assertFalse(annotation(rendered, deployment).equals(annotation(rotated, deployment)), deployment);
        }
    }

    private static String annotation(Rendered rendered, String deployment) {
        return rendered.get("Deployment", deployment).path("spec").path("template").path("metadata").path("annotations")
                .path("checksum/secret").asText();
    }

    static Map<String, JsonNode> secretRefs(Rendered rendered, String deployment) {
        Map<String, JsonNode> refs = new TreeMap<>();
        rendered.environment(deployment).forEach((env, value) -> {
            if (value.has("secretKeyRef")) {
                refs.put(env, value.path("secretKeyRef"));
            }
        });
        return refs;
    }

    private static Map<String, String> randomValues() {
        Map<String, String> values = new TreeMap<>();
        VARIABLES.keySet().forEach(k -> values.put(k, k + "-" + UUID.randomUUID()));
        return values;
    }

    static String valuesYaml(Map<String, String> secretValues) {
        try {
            return new YAMLMapper().writeValueAsString(Map.of("secret", Map.of("values", secretValues)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new java.util.TreeSet<>(a);
        union.addAll(b);
        return union;
    }
}
