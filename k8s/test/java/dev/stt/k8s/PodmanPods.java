package dev.stt.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stt.worker.audio.AudioConfig;
import dev.stt.worker.config.WorkerConfig;
import dev.stt.worker.providers.PocketsphinxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The chart rendered for {@code scripts/test-deploy.sh}, which runs its workloads as pods on this machine with
 * {@code podman kube play} (no Kubernetes API server can be had here).
 *
 * <pre>PodmanPods OUT_DIR VALUES_FILE[,VALUES_FILE...]</pre>
 *
 * <p>Writes into OUT_DIR:
 * <ul>
 * <li>{@code rendered.yaml}: Helm's output, exactly what a cluster would get;</li>
 * <li>{@code play.yaml}: its ConfigMaps and Deployments as podman 4.3 runs them (see {@link #forPodman});</li>
 * <li>{@code secrets/NAME.json}: each Secret's data, the form podman reads {@code secretKeyRef} from;</li>
 * <li>{@code pods.json}: per Deployment the names podman gives its pod and container, the image, the container
 * ports, the probes with their port numbers, the memory limit, the user, the environment variable names, the
 * writable mounts and (worker) the programs and model files its settings name: what the script checks the running
 * pods against.</li>
 * </ul>
 *
 * <p>Fails (exit status 1, one line per problem on standard error and in {@code problems.txt}) when a Deployment
 * sets an environment variable its service does not read, as {@link ConfigKeysTest} does for the chart's own values: a renamed setting would otherwise be
 * dropped without a word by the running pods.
 */
public final class PodmanPods {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
    private static final List<String> PROBES = List.of("startupProbe", "livenessProbe", "readinessProbe");

    private PodmanPods() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PodmanPods OUT_DIR VALUES_FILE[,VALUES_FILE...]");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        List<Path> values = Arrays.stream(args[1].split(",")).map(v -> Path.of(v).toAbsolutePath()).toList();

        String yaml = Chart.template(values);
        Rendered rendered = Rendered.parse(yaml);
        List<String> problems = new ArrayList<>();
        List<JsonNode> deployments = rendered.all("Deployment");
        for (JsonNode deployment : deployments) {
            problems.addAll(unreadEnvironment(rendered, deployment));
            if (deployment.path("spec").path("replicas").asInt(1) != 1) {
                problems.add(name(deployment) + ": set its replicas to 1 (the script checks one pod per Deployment)");
            }
        }
        Files.createDirectories(out.resolve("secrets"));
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            Files.write(out.resolve("problems.txt"), problems);
            System.exit(1);
        }

        Files.writeString(out.resolve("rendered.yaml"), yaml);
        List<JsonNode> play = new ArrayList<>(rendered.all("ConfigMap"));
        ArrayNode pods = JSON.createArrayNode();
        for (JsonNode deployment : deployments) {
            pods.add(pod(rendered, deployment));
            play.add(forPodman(deployment));
        }
        StringBuilder playYaml = new StringBuilder("# Written by PodmanPods for scripts/test-deploy.sh: see its javadoc.\n");
        for (JsonNode object : play) {
            playYaml.append("---\n").append(YAML.writeValueAsString(object));
        }
        Files.writeString(out.resolve("play.yaml"), playYaml);
        for (JsonNode secret : rendered.all("Secret")) {
            Files.writeString(out.resolve("secrets").resolve(name(secret) + ".json"),
                    JSON.writeValueAsString(secret.path("data").isObject() ? secret.path("data") : JSON.createObjectNode()));
        }
        Files.writeString(out.resolve("pods.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(pods));
    }

    /** The variables a Deployment sets that its service (by the component label) does not read. */
    static List<String> unreadEnvironment(Rendered rendered, JsonNode deployment) {
        ServiceConfig service = service(deployment);
        List<String> unread = new ArrayList<>();
        for (String env : new TreeSet<>(rendered.environment(name(deployment)).keySet())) {
            if (!service.reads(env)) {
                unread.add(name(deployment) + ": sets " + env + ", which the " + service.name + " does not read"
                        + " (no @ConfigMapping property, application.properties key or Quarkus run-time property of that name)");
            }
        }
        return unread;
    }

    /**
     * The Deployment as podman 4.3's {@code kube play} can run it here, with nothing else changed:
     * <ul>
     * <li>{@code hostNetwork}: the pods share the network namespace podman runs in, which the script makes for them
     * (loopback only); podman's own networks would need a bridge and private addresses;</li>
     * <li>no container {@code ports}: podman 4.3 publishes every containerPort on the host, which needs such a bridge
     * (later versions publish only hostPorts);</li>
     * <li>no probes: podman turns a liveness probe into a health check that runs curl inside the container, under a
     * systemd timer, and ignores startup and readiness probes; the script does the kubelet's part instead, with the
     * paths and port numbers of {@code pods.json};</li>
     * <li>emptyDir volumes named after their Deployment: podman 4.3 makes each one a named volume, so the API's and
     * the worker's {@code tmp} would otherwise be one volume.</li>
     * </ul>
     */
    static JsonNode forPodman(JsonNode deployment) {
        ObjectNode copy = deployment.deepCopy();
        ObjectNode pod = (ObjectNode) copy.path("spec").path("template").path("spec");
        pod.put("hostNetwork", true);
        String prefix = name(deployment) + "-";
        for (JsonNode volume : pod.path("volumes")) {
            ((ObjectNode) volume).put("name", prefix + volume.path("name").asText());
        }
        for (JsonNode container : pod.path("containers")) {
            ObjectNode c = (ObjectNode) container;
            c.remove("ports");
            PROBES.forEach(c::remove);
            for (JsonNode mount : c.path("volumeMounts")) {
                ((ObjectNode) mount).put("name", prefix + mount.path("name").asText());
            }
        }
        return copy;
    }

    private static ObjectNode pod(Rendered rendered, JsonNode deployment) {
        String name = name(deployment);
        JsonNode container = rendered.container(name);
        JsonNode podSpec = rendered.podSpec(name);
        String podName = name + "-pod-0";
        ObjectNode pod = JSON.createObjectNode()
                .put("deployment", name)
                .put("component", deployment.path("metadata").path("labels").path("app.kubernetes.io/component").asText())
                .put("pod", podName)
                .put("container", podName + "-" + container.path("name").asText())
                .put("image", container.path("image").asText())
                .put("memoryLimitBytes", bytes(container.path("resources").path("limits").path("memory").asText("0")))
                .put("runAsUser", container.path("securityContext").path("runAsUser")
                        .asInt(podSpec.path("securityContext").path("runAsUser").asInt(0)))
                .put("readOnlyRootFilesystem", container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        ArrayNode probes = pod.putArray("probes");
        for (String kind : PROBES) {
            JsonNode probe = container.path(kind);
            if (probe.isMissingNode()) {
                continue;
            }
            JsonNode get = probe.path("httpGet");
            probes.addObject()
                    .put("kind", kind)
                    .put("path", get.path("path").asText("/"))
                    .put("port", rendered.containerPort(name, get.path("port")))
                    .put("declaredPort", get.path("port").asText())
                    .put("initialDelaySeconds", probe.path("initialDelaySeconds").asInt(0))
                    .put("periodSeconds", probe.path("periodSeconds").asInt(10))
                    .put("timeoutSeconds", probe.path("timeoutSeconds").asInt(1))
                    .put("failureThreshold", probe.path("failureThreshold").asInt(3));
        }
        ArrayNode ports = pod.putArray("ports");
        for (JsonNode port : container.path("ports")) {
            ports.add(port.path("containerPort").asInt());
        }
        ArrayNode env = pod.putArray("env");
        new TreeSet<>(rendered.environment(name).keySet()).forEach(env::add);
        ArrayNode writable = pod.putArray("writable");
        for (JsonNode mount : container.path("volumeMounts")) {
            writable.add(mount.path("mountPath").asText());
        }
        ArrayNode tools = pod.putArray("tools");
        if (service(deployment) == ServiceConfig.WORKER) {
            workerTools(rendered.plainEnvironment(name)).forEach((setting, value) -> tools.addObject()
                    .put("setting", setting).put("value", value));
        }
        return pod;
    }

    /**
     * The programs and model files the worker will run with this environment, by the setting that names each: what
     * the worker image must contain. Read through the worker's own configuration interfaces, defaults included.
     */
    static Map<String, String> workerTools(Map<String, String> environment) {
        AudioConfig audio = ServiceConfig.mapping(AudioConfig.class, environment);
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("STT_AUDIO_FFMPEG", audio.ffmpeg());
        tools.put("STT_AUDIO_FFPROBE", audio.ffprobe());
        if (ServiceConfig.mapping(WorkerConfig.class, environment).providers().contains("pocketsphinx")) {
            PocketsphinxConfig pocketsphinx = ServiceConfig.mapping(PocketsphinxConfig.class, environment);
            tools.put("STT_POCKETSPHINX_BINARY", pocketsphinx.binary());
            tools.put("STT_POCKETSPHINX_HMM", pocketsphinx.hmm());
            tools.put("STT_POCKETSPHINX_LM", pocketsphinx.lm());
            tools.put("STT_POCKETSPHINX_DICT", pocketsphinx.dict());
        }
        return tools;
    }

    private static ServiceConfig service(JsonNode deployment) {
        String component = deployment.path("metadata").path("labels").path("app.kubernetes.io/component").asText();
        return switch (component) {
            case "api" -> ServiceConfig.API;
            case "worker" -> ServiceConfig.WORKER;
            default -> throw new IllegalStateException(name(deployment) + " has no known component label: " + component);
        };
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    private static final Map<String, Long> UNITS = Map.of(
            "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40,
            "k", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L, "T", 1_000_000_000_000L);

    /** A Kubernetes memory quantity ("768Mi", "2Gi", "512M", "1073741824") in bytes. */
    static long bytes(String quantity) {
        for (Map.Entry<String, Long> unit : UNITS.entrySet()) {
            if (quantity.endsWith(unit.getKey())) {
                return Long.parseLong(quantity.substring(0, quantity.length() - unit.getKey().length())) * unit.getValue();
            }
        }
        try {
            return Long.parseLong(quantity);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unsupported memory quantity: " + quantity, e);
        }
    }
}
