package dev.stt.worker.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings that only work together: checked once at start, so a worker that would take over its own slow chunks,
 * or starve its Redis commands behind blocking reads, refuses to start and says which setting to change.
 */
public record ConsumerSettings(Duration visibilityTimeout, Duration longestChunkTimeout, Duration blockFor,
        Duration reclaimEvery, int concurrency, int redisPoolSize) {

    /**
     * Redis connections one worker may hold at once besides its handlers' (one each): the blocking read, the
     * maintenance sweeps, the readiness check, and one spare for acknowledgements racing a read.
     */
    static final int REDIS_CONNECTIONS_BESIDES_HANDLERS = 4;

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (visibilityTimeout.compareTo(longestChunkTimeout) <= 0) {
            problems.add("STT_STREAM_VISIBILITY_TIMEOUT (" + visibilityTimeout + ") must exceed the longest chunk timeout ("
                    + longestChunkTimeout + "), or chunks still being transcribed are taken over by other workers");
        }
        if (blockFor.compareTo(reclaimEvery) > 0) {
            problems.add("STT_STREAM_BLOCK_FOR (" + blockFor + ") must not exceed STT_STREAM_RECLAIM_EVERY (" + reclaimEvery
                    + "): the reader looks for stale entries between reads");
        }
        int needed = concurrency + REDIS_CONNECTIONS_BESIDES_HANDLERS;
        if (redisPoolSize < needed) {
            problems.add("QUARKUS_REDIS_MAX_POOL_SIZE (" + redisPoolSize + ") must be at least STT_WORKER_CONCURRENCY + "
                    + REDIS_CONNECTIONS_BESIDES_HANDLERS + " = " + needed + ", so blocking stream reads never starve other commands");
        }
        return problems;
    }
}
