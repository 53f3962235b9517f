package dev.stt.worker.providers;

import dev.stt.common.jobs.Job;
import dev.stt.worker.providers.resilience.ProviderMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Transcribes a chunk with the first provider that can: one whose breaker is open, that is down, or that refuses
 * (rate limit, credentials, quota) hands the chunk to the next in the job's list.
 */
@ApplicationScoped
public class FailoverTranscriber {

    private static final Logger LOG = Logger.getLogger(FailoverTranscriber.class);

    private final ProviderRegistry registry;
    private final ProviderMetrics metrics;

    public FailoverTranscriber(ProviderRegistry registry, ProviderMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /**
     * @throws ProviderException when every provider failed: retryable (with the soonest Retry-After) if every failure
     *                           was, so the chunk can wait for one to recover; else the first lasting failure
     */
    public ChunkTranscription transcribe(Job job, Path chunkWav) {
        List<TranscriptionProvider> candidates = registry.candidatesFor(job);
        List<ProviderException> failures = new ArrayList<>();
        List<String> passedOver = new ArrayList<>();
        for (TranscriptionProvider provider : candidates) {
            try {
                return new ChunkTranscription(provider.name(), provider.transcribe(chunkWav, job.language), passedOver);
            } catch (ProviderException e) {
                failures.add(e);
                passedOver.add(provider.name() + " (" + e.errorCode().code() + ")");
                if (candidates.size() > 1) {
                    metrics.failedOver(provider.name());
                    LOG.warnf("Job %s: %s could not transcribe a chunk (%s)", job.id, provider.name(), e.getMessage());
                }
            }
        }
        throw combined(failures);
    }

    private static ProviderException combined(List<ProviderException> failures) {
        if (failures.size() == 1) {
            return failures.get(0);
        }
        String every = failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; "));
        Optional<ProviderException> lasting = failures.stream().filter(f -> !f.retryable()).findFirst();
        if (lasting.isPresent()) {
            return new ProviderException(lasting.get().errorCode(), false, "no provider could transcribe it: " + every,
                    lasting.get());
        }
        Duration soonest = failures.stream()
                .map(ProviderException::retryAfter)
                .flatMap(Optional::stream)
                .min(Duration::compareTo)
                .orElse(null);
        ProviderException first = failures.get(0);
        return new ProviderException(first.errorCode(), true, "no provider could transcribe it: " + every, first, soonest);
    }
}
