package dev.stt.worker.pipeline;

import dev.stt.worker.providers.fake.FakeProviderResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Worker configurations with the OpenAI-compatible provider pointed at the fake, and short waits for fast tests. */
final class RemoteProviderProfiles {

    private RemoteProviderProfiles() {
    }

    private static Map<String, String> shortWaits(String providers, String breakerDelay) {
        Map<String, String> config = new HashMap<>();
        config.put("stt.providers", providers);
        config.put("stt.openai.max-retries", "4");
        config.put("stt.openai.retry-delay", "50ms");
        config.put("stt.openai.retry-max-delay", "200ms");
        config.put("stt.openai.breaker-failures", "3");
        config.put("stt.openai.breaker-delay", breakerDelay);
        config.put("stt.requeue.min-delay", "500ms");
        config.put("stt.requeue.max-delay", "2s");
        config.put("stt.requeue.max-times", "30");
        return config;
    }

    /** Only the remote provider: an open breaker leaves nowhere to go but later. */
    public static final class OpenAiOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return shortWaits("openai", "2s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeProviderResource.class));
        }
    }

    /** The remote provider first, the local engine behind it; the breaker stays open for the whole test. */
    public static final class OpenAiThenPocketsphinx implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = shortWaits("openai,pocketsphinx", "5m");
            config.put("stt.openai.max-retries", "2");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeProviderResource.class));
        }
    }
}
