package dev.stt.worker.pipeline;

import dev.stt.common.jobs.JobEvent;
import dev.stt.common.stream.WorkItem;
import dev.stt.worker.config.WorkerIdentity;
import dev.stt.worker.jobs.JobStore;
import dev.stt.worker.providers.ProviderException;
import dev.stt.worker.providers.resilience.Backoff;
import dev.stt.worker.stream.DelayedWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Puts a chunk off when every provider for it is temporarily unavailable: later, with exponential backoff, and never
 * sooner than a provider asked (Retry-After, an open breaker's remaining time). Bounded by {@link RequeueConfig#maxTimes()}.
 */
@ApplicationScoped
public class ChunkRequeue {

    private final DelayedWork delayed;
    private final JobStore jobs;
    private final RequeueConfig config;
    private final String worker;
    private final Counter requeued;

    public ChunkRequeue(DelayedWork delayed, JobStore jobs, RequeueConfig config, WorkerIdentity identity,
            MeterRegistry registry) {
        this.delayed = delayed;
        this.jobs = jobs;
        this.config = config;
        this.worker = identity.id();
        this.requeued = Counter.builder("stt.chunks.requeued")
                .description("Chunks put off because no provider could take them")
                .register(registry);
    }

    /** @return false when the chunk was put off too often already: the caller fails the job */
    public boolean requeue(WorkItem item, String chunkLabel, ProviderException why) {
        long times = delayed.countDelay(item);
        if (times > config.maxTimes()) {
            return false;
        }
        Duration delay = Backoff.delay(config.minDelay(), config.maxDelay(), times - 1, why.retryAfter());
        delayed.schedule(item, delay);
        requeued.increment();
        jobs.log(item.jobId(), JobEvent.WARN, worker, String.format("%s put off for %d s (%d of at most %d): %s",
                chunkLabel, Math.max(1, delay.toSeconds()), times, config.maxTimes(), why.getMessage()), item.requestId());
        return true;
    }

}
