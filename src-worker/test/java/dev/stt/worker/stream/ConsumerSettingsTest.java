package dev.stt.worker.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

    private static ConsumerSettings settings(Duration visibility, Duration chunkTimeout, int concurrency, int pool) {
        return new ConsumerSettings(visibility, chunkTimeout, Duration.ofSeconds(2), Duration.ofSeconds(30), concurrency, pool);
    }

    @Test
    void theDefaultsFitTogether() {
        assertEquals(List.of(), settings(Duration.ofMinutes(15), Duration.ofMinutes(10), 2, 16).problems());
    }

    @Test
    void aVisibilityTimeoutNotAboveTheLongestChunkTimeoutIsRefused() {
        List<String> problems = settings(Duration.ofMinutes(10), Duration.ofMinutes(10), 2, 16).problems();

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("STT_STREAM_VISIBILITY_TIMEOUT"), problems.get(0));
    }

    @Test
    void aRedisPoolThatBlockingReadsCouldStarveIsRefused() {
        assertEquals(List.of(), settings(Duration.ofMinutes(15), Duration.ofMinutes(10), 12, 16).problems());

        List<String> problems = settings(Duration.ofMinutes(15), Duration.ofMinutes(10), 13, 16).problems();

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("QUARKUS_REDIS_MAX_POOL_SIZE (16) must be at least STT_WORKER_CONCURRENCY + 4 = 17"),
                problems.get(0));
    }

    @Test
    void readsMayNotBlockLongerThanTheReclaimInterval() {
        List<String> problems = new ConsumerSettings(Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofSeconds(40),
                Duration.ofSeconds(30), 2, 16).problems();

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("STT_STREAM_BLOCK_FOR"), problems.get(0));
    }
}
