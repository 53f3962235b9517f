package dev.stt.worker.providers.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.testing.ConfigMappings;
import dev.stt.worker.providers.gemini.GeminiConfig;
import dev.stt.worker.providers.gemini.GeminiProvider;
import dev.stt.worker.providers.openai.OpenAiConfig;
import dev.stt.worker.providers.openai.OpenAiProvider;
import dev.stt.worker.providers.remote.ChunkEncoder;
import dev.stt.worker.providers.resilience.ProviderGuards;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds remote providers pointed at a {@link FakeProviderServer}, each with a guard of its own as a separate worker
 * process would have, sharing breaker state through the real Redis under a provider name unique to the test.
 */
@ApplicationScoped
public class RemoteProviders {

    public static final String KEY = "sk-test-Zq81nY4kLm2P";

    private final ProviderGuards guards;
    private final ChunkEncoder encoder;
    private final ObjectMapper json;

    public RemoteProviders(ProviderGuards guards, ChunkEncoder encoder, ObjectMapper json) {
        this.guards = guards;
        this.encoder = encoder;
        this.json = json;
    }

    /** A name for the shared breaker that no other test uses. */
    public static String uniqueName(String provider) {
        return provider + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @param settings short names ({@code max-retries=0}) for {@code stt.openai.*} */
    public OpenAiProvider openAi(FakeProviderServer fake, String breakerName, String worker, Map<String, String> settings) {
        OpenAiConfig config = ConfigMappings.with(OpenAiConfig.class, properties("stt.openai", fake, settings));
        return new OpenAiProvider(config, guards.create(breakerName, config, worker), encoder, json);
    }

    public GeminiProvider gemini(FakeProviderServer fake, String breakerName, Map<String, String> settings) {
        GeminiConfig config = ConfigMappings.with(GeminiConfig.class, properties("stt.gemini", fake, settings));
        return new GeminiProvider(config, guards.create(breakerName, config, "worker-a"), encoder, json);
    }

    private static Map<String, String> properties(String prefix, FakeProviderServer fake, Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>();
        properties.put(prefix + ".base-url", fake.baseUrl());
        properties.put(prefix + ".api-key", KEY);
        // fast tests: short waits unless a test says otherwise
        properties.put(prefix + ".retry-delay", "20ms");
        properties.put(prefix + ".retry-max-delay", "100ms");
        properties.put(prefix + ".timeout", "30s");
        settings.forEach((name, value) -> properties.put(prefix + "." + name, value));
        return properties;
    }
}
