package dev.stt.worker.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How a chunk waits when no provider can take it right now (breakers open, rate limits, outages): it is re-queued
 * with growing delays instead of spending stream deliveries. The defaults give up after about half an hour.
 */
@ConfigMapping(prefix = "stt.requeue")
public interface RequeueConfig {

    /** Delay before the first retry of a chunk no provider could take; it doubles each time, randomised by up to half. */
    @WithDefault("10s")
    Duration minDelay();

    /** Longest delay between two tries, unless the provider asked (Retry-After, open breaker) for longer. */
    @WithDefault("5m")
    Duration maxDelay();

    /** Re-queues of one chunk before its job fails with the providers' error code. */
    @WithDefault("10")
    int maxTimes();
}
