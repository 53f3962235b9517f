package dev.stt.common.testing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * Builds a {@code @ConfigMapping} interface outside Quarkus, from its {@code @WithDefault}s plus the given
 * properties, so plain unit tests construct beans with the configuration they would get in production.
 */
public final class ConfigMappings {

    private ConfigMappings() {
    }

    public static <T> T withDefaults(Class<T> mapping) {
        return with(mapping, Map.of());
    }

    /** @param properties full property names, e.g. {@code stt.pocketsphinx.timeout=2s} */
    public static <T> T with(Class<T> mapping, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(mapping)
                // Quarkus accepts "10m" as well as ISO-8601 "PT10M"; plain SmallRye Config only the latter
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(mapping);
    }
}
