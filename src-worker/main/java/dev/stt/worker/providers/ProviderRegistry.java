package dev.stt.worker.providers;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.jobs.Job;
import dev.stt.worker.config.WorkerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Every provider bean by name, and which one a job uses: the one it asked for, else the first configured. */
@ApplicationScoped
public class ProviderRegistry {

    private final Map<String, TranscriptionProvider> byName = new LinkedHashMap<>();
    private final WorkerConfig config;

    public ProviderRegistry(@Any Instance<TranscriptionProvider> providers, WorkerConfig config) {
        providers.forEach(provider -> byName.put(provider.name(), provider));
        this.config = config;
    }

    /** A typo in STT_PROVIDERS should stop the worker at start, not fail every job later. */
    void checkConfiguration(@Observes StartupEvent event) {
        for (String name : config.providers()) {
            if (!byName.containsKey(name)) {
                throw new IllegalStateException("STT_PROVIDERS names '" + name + "', but the known providers are "
                        + byName.keySet());
            }
        }
    }

    /** The longest a chunk may take with any configured provider. */
    public Duration longestChunkTimeout() {
        return config.providers().stream()
                .map(byName::get)
                .filter(Objects::nonNull)
                .map(TranscriptionProvider::chunkTimeout)
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    public TranscriptionProvider forJob(Job job) {
        String name = job.provider != null ? job.provider : config.providers().get(0);
        TranscriptionProvider provider = byName.get(name);
        if (provider == null) {
            throw new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, false, "No provider named '" + name + "'");
        }
        return provider;
    }
}
