package dev.stt.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.api.config.ApiConfig;
import dev.stt.common.stream.WorkStream;
import dev.stt.worker.config.WorkerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service reads from its environment: the properties of its {@code @ConfigMapping}
 * interfaces (and the shared module's), the keys and {@code ${VAR}} references of its
 * application.properties, and the run-time properties of the Quarkus extensions on the classpath
 * (from the configuration model every extension ships in {@code META-INF/quarkus-config-doc}).
 *
 * <p>The Quarkus model is the union over both services' extensions, since this module sees one
 * classpath; the tests check the few keys only one service may get by name.
 */
final class ServiceConfig {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final QuarkusModel QUARKUS = QuarkusModel.load();

    static final ServiceConfig API = new ServiceConfig("api", Path.of("..", "src"), ApiConfig.class);
    static final ServiceConfig WORKER = new ServiceConfig("worker", Path.of("..", "src-worker"), WorkerConfig.class);

    final String name;
    final Properties applicationProperties;
    private final Set<Pattern> mappingEnvNames = new HashSet<>();
    private final Set<String> propertiesEnvNames = new HashSet<>();

    private ServiceConfig(String name, Path module, Class<?> anchor) {
        this.name = name;
        this.applicationProperties = load(module.resolve(Path.of("main", "resources", "application.properties")));
        for (Class<?> mapping : configMappings(anchor, WorkStream.class)) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            ConfigMappings.getProperties(new ConfigMappings.ConfigClass(mapping, prefix))
                    .keySet()
                    .forEach(property -> mappingEnvNames.add(envPattern(property)));
        }
        for (String key : applicationProperties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                propertiesEnvNames.add(env(key));
            }
            Matcher reference = ENV_REFERENCE.matcher(applicationProperties.getProperty(key));
            while (reference.find()) {
                propertiesEnvNames.add(reference.group(1));
            }
        }
    }

    /** Whether setting this environment variable changes something the running service reads. */
    boolean reads(String env) {
        return propertiesEnvNames.contains(env)
                || mappingEnvNames.stream().anyMatch(p -> p.matcher(env).matches())
                || QUARKUS.runTime.stream().anyMatch(p -> p.matcher(env).matches());
    }

    /** Whether this is a Quarkus property fixed when the application was built: setting it at run time does nothing. */
    static boolean buildTimeOnly(String env) {
        return QUARKUS.buildTime.stream().anyMatch(p -> p.matcher(env).matches())
                && QUARKUS.runTime.stream().noneMatch(p -> p.matcher(env).matches());
    }

    int httpPort() {
        return Integer.parseInt(applicationProperties.getProperty("quarkus.http.port"));
    }

    /** A configuration mapping as the service would see it with exactly this environment (and the defaults). */
    static <T> T mapping(Class<T> type, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withMapping(type)
                // Quarkus accepts "30s" as well as ISO-8601 "PT30S"; plain SmallRye Config only the latter
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(environment, EnvConfigSource.ORDINAL))
                .build()
                .getConfigMapping(type);
    }

    /** SmallRye's rule for environment names: every character that is no letter or digit becomes "_", upper case. */
    static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** A property name with map keys ({@code *} or {@code "name"}) as a pattern over environment names. */
    private static Pattern envPattern(String property) {
        List<String> parts = new ArrayList<>();
        for (String segment : property.split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            parts.add(segment.equals("*") || segment.startsWith("\"") ? "[A-Z0-9_]+" : Pattern.quote(env(segment)));
        }
        return Pattern.compile(String.join("_", parts));
    }

    private static List<Class<?>> configMappings(Class<?>... anchors) {
        List<Class<?>> mappings = new ArrayList<>();
        for (Class<?> anchor : anchors) {
            for (String className : classNames(anchor)) {
                Class<?> type = loadWithoutInit(className);
                if (type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)) {
                    mappings.add(type);
                }
            }
        }
        if (mappings.isEmpty()) {
            throw new AssertionError("no @ConfigMapping interfaces found next to " + List.of(anchors));
        }
        return mappings;
    }

    /** The classes in the directory or jar an anchor class was loaded from. */
    private static List<String> classNames(Class<?> anchor) {
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    return files.map(location::relativize)
                            .map(Path::toString)
                            .filter(f -> f.endsWith(".class"))
                            .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                            .toList();
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.stream()
                        .map(e -> e.getName())
                        .filter(f -> f.endsWith(".class") && !f.startsWith("META-INF"))
                        .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> loadWithoutInit(String className) {
        try {
            return Class.forName(className, false, ServiceConfig.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("cannot load " + className, e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The configuration properties of every Quarkus extension on the classpath, by phase. */
    private record QuarkusModel(Set<Pattern> runTime, Set<Pattern> buildTime) {

        static QuarkusModel load() {
            QuarkusModel model = new QuarkusModel(new HashSet<>(), new HashSet<>());
            ObjectMapper json = new ObjectMapper();
            try {
                Enumeration<URL> files = ServiceConfig.class.getClassLoader()
                        .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json");
                for (URL file : Collections.list(files)) {
                    try (InputStream in = file.openStream()) {
                        for (JsonNode root : json.readTree(in).path("configRoots")) {
                            model.add(root.path("items"));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (model.runTime.isEmpty()) {
                throw new AssertionError("no Quarkus configuration model on the classpath");
            }
            return model;
        }

        private void add(JsonNode items) {
            for (JsonNode item : items) {
                add(item.path("items"));
                if (item.has("path")) {
                    Set<Pattern> phase = "RUN_TIME".equals(item.path("phase").asText()) ? runTime : buildTime;
                    phase.add(envPattern(item.path("path").path("property").asText()));
                    for (JsonNode other : item.path("additionalPaths")) {
                        phase.add(envPattern(other.path("property").asText()));
                    }
                }
            }
        }
    }
}
