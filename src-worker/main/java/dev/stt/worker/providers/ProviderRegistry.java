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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Every provider bean by name, and which ones a job may use, in order: the one it asked for, else the configured
 * failover list ({@code STT_PROVIDERS}).
 */
@ApplicationScoped
public class ProviderRegistry {

    private static final Logger LOG = Logger.getLogger(ProviderRegistry.class);

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
        LOG.infof("Providers in failover order: %s", String.join(", ", config.providers()));
    }

    /** The longest a chunk may take: every provider of the failover list tried in turn, each to its own limit. */
    public Duration longestChunkTimeout() {
        return config.providers().stream()
                .map(byName::get)
                .filter(Objects::nonNull)
                .map(TranscriptionProvider::chunkTimeout)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The providers to try for the job's chunks, in order; a job that named a provider gets only that one. */
    public List<TranscriptionProvider> candidatesFor(Job job) {
        List<String> names = job.provider != null ? List.of(job.provider) : config.providers();
        return names.stream().map(this::byName).toList();
    }

    private TranscriptionProvider byName(String name) {
        TranscriptionProvider provider = byName.get(name);
        if (provider == null) {
            throw new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, false, "No provider named '" + name + "'");
        }
        return provider;
    }
}
