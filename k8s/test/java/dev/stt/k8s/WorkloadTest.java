package dev.stt.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stt.worker.config.WorkerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two Deployments and what surrounds them, with the chart's defaults unless a test says otherwise. */
class WorkloadTest {

    static final String API = "stt-api";
    static final String WORKER = "stt-worker";

    private final Rendered defaults = Chart.render();

    @ParameterizedTest
    @ValueSource(strings = {API, WORKER})
    void probesAskQuarkusHealthOnTheServicePort(String deployment) {
        JsonNode container = defaults.container(deployment);
        int servicePort = (deployment.equals(API) ? ServiceConfig.API : ServiceConfig.WORKER).httpPort();

        Map<String, String> paths = Map.of(
                "startupProbe", "/q/health/started",
                "livenessProbe", "/q/health/live",
                "readinessProbe", "/q/health/ready");
        paths.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            assertEquals(path, get.path("path").asText(), deployment + " " + probe);
            assertEquals(servicePort, defaults.containerPort(deployment, get.path("port")), deployment + " " + probe);
        });
        assertEquals(deployment.equals(API) ? 8080 : 8081, servicePort);
    }

    @ParameterizedTest
    @ValueSource(strings = {API, WORKER})
    void podsRunUnprivilegedOnAReadOnlyRoot(String deployment) {
        JsonNode pod = defaults.podSpec(deployment);
        JsonNode container = defaults.container(deployment).path("securityContext");

        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertTrue(pod.path("securityContext").path("runAsUser").asInt() > 0);
        assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText());
        assertTrue(container.path("runAsNonRoot").asBoolean());
        assertTrue(container.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(container.path("allowPrivilegeEscalation").asBoolean(true));
        assertFalse(container.path("privileged").asBoolean(false));
        assertEquals(List.of("ALL"), texts(container.path("capabilities").path("drop")));
        assertTrue(container.path("capabilities").path("add").isMissingNode());
        // neither service calls the Kubernetes API
        assertFalse(pod.path("automountServiceAccountToken").asBoolean(true));
        // service links would put STT_API_PORT=tcp://... and the like into the services' STT_* namespace
        assertFalse(pod.path("enableServiceLinks").asBoolean(true));
    }

    @Test
    void everyPathTheServicesWriteIsAnEmptyDir() {
        assertEquals(Set.of("/tmp"), emptyDirMounts(API));

        String workDir = defaults.plainEnvironment(WORKER).get("STT_WORK_DIR");
        assertEquals(Set.of("/tmp", workDir), emptyDirMounts(WORKER));
        // the value the worker reads is the mounted directory
        WorkerConfig config = ServiceConfig.mapping(WorkerConfig.class, defaults.plainEnvironment(WORKER));
        assertEquals(workDir, config.workDir().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {API, WORKER})
    void containersRequestResourcesAndCapMemory(String deployment) {
        JsonNode resources = defaults.container(deployment).path("resources");

        assertFalse(resources.path("requests").path("cpu").asText().isEmpty());
        assertFalse(resources.path("requests").path("memory").asText().isEmpty());
        assertFalse(resources.path("limits").path("memory").asText().isEmpty());
    }

    @Test
    void workersGetLongerToStopThanTheyWaitForTheirChunks() {
        Map<String, String> env = defaults.plainEnvironment(WORKER);
        Duration shutdownGrace = ServiceConfig.mapping(WorkerConfig.class, env).stream().shutdownGrace();
        Duration defaultGrace = ServiceConfig.mapping(WorkerConfig.class, Map.of()).stream().shutdownGrace();

        assertEquals(defaultGrace, shutdownGrace, "the chart's default follows the worker's");
        assertTrue(terminationGrace(defaults).compareTo(shutdownGrace) > 0,
                terminationGrace(defaults) + " should exceed " + shutdownGrace);

        Rendered slow = Chart.render("worker:\n  shutdownGraceSeconds: 90\n");
        Duration slowGrace = ServiceConfig.mapping(WorkerConfig.class, slow.plainEnvironment(WORKER)).stream().shutdownGrace();
        assertEquals(Duration.ofSeconds(90), slowGrace);
        assertTrue(terminationGrace(slow).compareTo(slowGrace) > 0);
    }

    @Test
    void apiPodsLetRunningUploadsFinishBeforeTheyAreKilled() {
        String timeout = defaults.plainEnvironment(API).get("QUARKUS_SHUTDOWN_TIMEOUT");
        long grace = defaults.podSpec(API).path("terminationGracePeriodSeconds").asLong();

        assertEquals("20s", timeout);
        assertTrue(Duration.ofSeconds(20).compareTo(Duration.ofSeconds(grace)) < 0);
        String error = Chart.renderError("api: {shutdownTimeoutSeconds: 30, terminationGracePeriodSeconds: 30}\n");
        assertTrue(error.contains("must be shorter than api.terminationGracePeriodSeconds"), error);
    }

    @Test
    void refusesATerminationGraceTheWorkerCannotStopIn() {
        String error = Chart.renderError("worker:\n  shutdownGraceSeconds: 30\n  terminationGracePeriodSeconds: 30\n");

        assertTrue(error.contains("must exceed worker.shutdownGraceSeconds"), error);
    }

    @Test
    void workersAreNamedAfterTheirPods() {
        JsonNode workerId = defaults.environment(WORKER).get("STT_WORKER_ID");

        // unique per pod and kept across container restarts, so a restarted worker resumes its own entries
        assertEquals("metadata.name", workerId.path("fieldRef").path("fieldPath").asText());
    }

    @Test
    void disruptionBudgetsCoverEachComponent() {
        for (String deployment : List.of(API, WORKER)) {
            JsonNode pdb = defaults.get("PodDisruptionBudget", deployment);
            JsonNode podLabels = defaults.get("Deployment", deployment).path("spec").path("template").path("metadata").path("labels");

            assertEquals(1, pdb.path("spec").path("maxUnavailable").asInt());
            pdb.path("spec").path("selector").path("matchLabels").fields()
                    .forEachRemaining(l -> assertEquals(l.getValue(), podLabels.path(l.getKey()), deployment + " " + l.getKey()));
        }
        // the budgets select one component each
        assertFalse(selector(defaults.get("PodDisruptionBudget", API)).equals(selector(defaults.get("PodDisruptionBudget", WORKER))));
    }

    @Test
    void theApiServiceReachesTheApiPodsOnly() {
        JsonNode service = defaults.get("Service", API);
        JsonNode apiLabels = defaults.get("Deployment", API).path("spec").path("template").path("metadata").path("labels");
        JsonNode workerLabels = defaults.get("Deployment", WORKER).path("spec").path("template").path("metadata").path("labels");

        JsonNode selector = service.path("spec").path("selector");
        assertTrue(matches(selector, apiLabels));
        assertFalse(matches(selector, workerLabels));
        assertEquals(8080, defaults.containerPort(API, service.path("spec").path("ports").get(0).path("targetPort")));
    }

    @Test
    void optionalObjectsAreOffByDefault() {
        for (String kind : List.of("Ingress", "ScaledObject", "HorizontalPodAutoscaler", "ServiceMonitor")) {
            assertEquals(List.of(), defaults.all(kind), kind);
        }
        assertEquals(2, defaults.get("Deployment", WORKER).path("spec").path("replicas").asInt());
        assertEquals(2, defaults.get("Deployment", API).path("spec").path("replicas").asInt());
    }

    @Test
    void ingressRoutesTheHostsToTheApiService() {
        Rendered rendered = Chart.render("""
                api:
                  ingress:
                    enabled: true
                    className: nginx
                    annotations:
                      nginx.ingress.kubernetes.io/proxy-body-size: 512m
                    hosts:
                      - host: stt.acme.test
                        paths:
                          - path: /
                            pathType: Prefix
                    tls:
                      - secretName: stt-tls
                        hosts: [stt.acme.test]
                """);
        JsonNode ingress = rendered.get("Ingress", API).path("spec");
        JsonNode backend = ingress.path("rules").get(0).path("http").path("paths").get(0).path("backend").path("service");

        assertEquals("nginx", ingress.path("ingressClassName").asText());
        assertEquals("stt.acme.test", ingress.path("rules").get(0).path("host").asText());
        assertEquals(API, backend.path("name").asText());
        assertEquals("http", backend.path("port").path("name").asText());
        assertEquals("http", rendered.get("Service", API).path("spec").path("ports").get(0).path("name").asText());
        assertEquals("stt-tls", ingress.path("tls").get(0).path("secretName").asText());
    }

    @Test
    void serviceMonitorScrapesBothServices() {
        Rendered rendered = Chart.render("metrics:\n  serviceMonitor:\n    enabled: true\n    labels:\n      release: prometheus\n");
        JsonNode monitor = rendered.get("ServiceMonitor", "stt");
        JsonNode selector = monitor.path("spec").path("selector").path("matchLabels");
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);

        assertEquals("prometheus", monitor.path("metadata").path("labels").path("release").asText());
        assertEquals("/q/metrics", endpoint.path("path").asText());
        for (String service : List.of(API, WORKER)) {
            JsonNode target = rendered.get("Service", service);
            assertTrue(matches(selector, target.path("metadata").path("labels")), service);
            assertTrue(target.path("spec").path("ports").findValuesAsText("name").contains(endpoint.path("port").asText()), service);
        }
    }

    @Test
    void imagesComeFromTheConfiguredRegistryAndTag() {
        Rendered rendered = Chart.render("image:\n  registry: ghcr.io/acme/\n  tag: 1.2.3\nworker:\n  image:\n    tag: 1.2.4\n");

        assertEquals("ghcr.io/acme/stt-api:1.2.3", rendered.container(API).path("image").asText());
        assertEquals("ghcr.io/acme/stt-worker:1.2.4", rendered.container(WORKER).path("image").asText());
        assertEquals("stt-api:1.0.0-SNAPSHOT", defaults.container(API).path("image").asText());
    }

    @Test
    void configChangesRollThePods() {
        Rendered changed = Chart.render("worker:\n  concurrency: 3\n");

        for (String deployment : List.of(API, WORKER)) {
            String before = annotations(defaults, deployment).path("checksum/config").asText();
            String after = annotations(changed, deployment).path("checksum/config").asText();
            assertFalse(before.isEmpty());
            assertFalse(before.equals(after), deployment + " keeps its pods after a config change");
        }
    }

    private Set<String> emptyDirMounts(String deployment) {
        Set<String> emptyDirs = new HashSet<>();
        for (JsonNode volume : defaults.podSpec(deployment).path("volumes")) {
            if (volume.has("emptyDir")) {
                assertFalse(volume.path("emptyDir").path("sizeLimit").asText().isEmpty(), "unbounded emptyDir " + volume);
                emptyDirs.add(volume.path("name").asText());
            }
        }
        Set<String> paths = new HashSet<>();
        for (JsonNode mount : defaults.container(deployment).path("volumeMounts")) {
            assertTrue(emptyDirs.contains(mount.path("name").asText()), "not an emptyDir: " + mount);
            paths.add(mount.path("mountPath").asText());
        }
        return paths;
    }

    private static Duration terminationGrace(Rendered rendered) {
        return Duration.ofSeconds(rendered.podSpec(WORKER).path("terminationGracePeriodSeconds").asLong());
    }

    private static JsonNode annotations(Rendered rendered, String deployment) {
        return rendered.get("Deployment", deployment).path("spec").path("template").path("metadata").path("annotations");
    }

    private static Map<String, String> selector(JsonNode pdb) {
        Map<String, String> labels = new HashMap<>();
        pdb.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        boolean[] all = {true};
        selector.fields().forEachRemaining(e -> all[0] &= e.getValue().asText().equals(labels.path(e.getKey()).asText()));
        return all[0] && selector.size() > 0;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
