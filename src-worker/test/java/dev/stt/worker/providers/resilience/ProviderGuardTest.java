package dev.stt.worker.providers.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.transcript.Segment;
import dev.stt.worker.pipeline.ErrorClassifier;
import dev.stt.worker.providers.ProviderException;
import dev.stt.worker.providers.TranscriptionProvider;
import dev.stt.worker.providers.fake.FakeProvider;
import dev.stt.worker.providers.fake.FakeProviderServer;
import dev.stt.worker.providers.fake.RemoteProviders;
import dev.stt.worker.support.LocalStackResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fault tolerance of a remote provider against a fake that fails on command, with breaker state in the real Redis.
 * Two providers built with separate guards stand for two worker processes.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ProviderGuardTest {

    @RegisterExtension
    static final FakeProvider fakeProvider = new FakeProvider();

    private FakeProviderServer fake;

    @Inject
    RemoteProviders providers;

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry meters;

    @Inject
    ErrorClassifier classifier;

    @BeforeEach
    void useFake() {
        fake = fakeProvider.server();
    }

    @Test
    void anOutageOpensTheBreakerForEveryWorkerAndOneProbeClosesItWhenTheProviderIsBack() throws Exception {
        String name = RemoteProviders.uniqueName("openai");
        Map<String, String> settings = Map.of("max-retries", "1", "breaker-failures", "3", "breaker-delay", "3s");
        TranscriptionProvider workerA = providers.openAi(fake, name, "worker-a", settings);
        TranscriptionProvider workerB = providers.openAi(fake, name, "worker-b", settings);
        Path clip = fakeProvider.clipChunk("outage");
        fake.outage(true);
        int before = fake.hits();

        // two calls, each retried once: the third failed attempt opens the breaker, so it is not retried
        assertEquals(ErrorCode.PROVIDER_UNAVAILABLE, failure(workerA, clip).errorCode());
        assertEquals(ErrorCode.PROVIDER_UNAVAILABLE, failure(workerA, clip).errorCode());
        assertEquals(3, fake.hits() - before, "breaker-failures=3 attempts reach the provider, then no retry");
        long openFor = pttl("open", name);
        assertTrue(openFor > 0 && openFor <= 3000, "open for everyone for the open delay, PTTL " + openFor);
        assertEquals(1.0, breakerState(name), "the gauge shows this worker's breaker open");

        for (int i = 0; i < 5; i++) {
            assertInstanceOf(CircuitOpenException.class, failure(workerA, clip));
            assertInstanceOf(CircuitOpenException.class, failure(workerB, clip), "the other worker fails fast too");
        }
        assertEquals(3, fake.hits() - before, "no call reaches the provider while the breaker is open");

        fake.outage(false).slow(Duration.ofMillis(800));
        awaitHalfOpen(name);
        // after the open delay both workers try at once: exactly one probes, the other still fails fast
        List<Object> outcomes = atOnce(() -> workerA.transcribe(fakeProvider.clipChunk("probe-a"), "en"),
                () -> workerB.transcribe(fakeProvider.clipChunk("probe-b"), "en"));
        long transcribed = outcomes.stream().filter(List.class::isInstance).count();
        long refused = outcomes.stream().filter(CircuitOpenException.class::isInstance).count();
        assertEquals(1, transcribed, () -> "outcomes: " + outcomes);
        assertEquals(1, refused, () -> "outcomes: " + outcomes);
        assertEquals(4, fake.hits() - before, "one probe");
        assertEquals(-2, pttl("tripped", name), "the successful probe closed the breaker for everyone");

        fake.slow(Duration.ZERO);
        assertFalse(workerB.transcribe(clip, "en").isEmpty());
        assertFalse(workerA.transcribe(clip, "en").isEmpty(), "worker A's own breaker closes on its next success");
        assertEquals(6, fake.hits() - before);
        assertEquals(0.0, breakerState(name), "closed again");
        assertTrue(count(name, ProviderMetrics.CIRCUIT_OPEN) >= 11, "fast failures are counted");
        assertTrue(count(name, "provider_unavailable") >= 3);
    }

    @Test
    void rejectedCredentialsAreAnAuthErrorNeitherRetriedNorHeldAgainstTheProvider() {
        String name = RemoteProviders.uniqueName("openai");
        TranscriptionProvider provider = providers.openAi(fake, name, "worker-a",
                Map.of("max-retries", "3", "breaker-failures", "2"));
        Path clip = fakeProvider.clipChunk("auth");
        fake.rejectKeys(true);
        int before = fake.hits();

        for (int i = 1; i <= 4; i++) {
            ProviderException failure = failure(provider, clip);
            assertEquals(ErrorCode.AUTH_ERROR, failure.errorCode());
            assertFalse(failure.retryable());
            assertEquals(ErrorCode.AUTH_ERROR, classifier.classify(failure).code(), "the job would fail with auth_error");
            assertFalse(failure.getMessage().contains(RemoteProviders.KEY), "no key in: " + failure.getMessage());
            assertEquals(i, fake.hits() - before, "one request per call: not retried, and the breaker stays closed");
        }
    }

    @Test
    void aRateLimitIsWaitedOutAsLongAsTheProviderAsks() {
        TranscriptionProvider provider = providers.openAi(fake, RemoteProviders.uniqueName("openai"), "worker-a",
                Map.of("max-retries", "2"));
        fake.rateLimit(1, 2);
        int before = fake.hits();

        List<Segment> segments = provider.transcribe(fakeProvider.clipChunk("rate"), "en");

        assertFalse(segments.isEmpty());
        List<Long> times = fake.hitTimesNanos();
        assertEquals(2, times.size() - before);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(times.get(times.size() - 1) - times.get(times.size() - 2));
        assertTrue(waitedMillis >= 1950, "Retry-After: 2 honoured, retried after " + waitedMillis + " ms (retry-delay is 20 ms)");
    }

    @Test
    void aRetryAfterLongerThanWorthWaitingOnAThreadIsPassedOnInsteadOfWaited() {
        TranscriptionProvider provider = providers.openAi(fake, RemoteProviders.uniqueName("openai"), "worker-a",
                Map.of("max-retries", "3", "retry-after-max", "1s"));
        fake.rateLimit(1, 30);
        int before = fake.hits();
        long started = System.nanoTime();

        ProviderException failure = failure(provider, fakeProvider.clipChunk("rate-long"));

        assertEquals(ErrorCode.RATE_LIMITED, failure.errorCode());
        assertTrue(failure.retryable());
        assertEquals(Duration.ofSeconds(30), failure.retryAfter().orElseThrow(), "the wait goes to the re-queue");
        assertEquals(1, fake.hits() - before);
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void aProviderSlowerThanTheTimeoutIsATimeoutAndRetried() {
        TranscriptionProvider provider = providers.openAi(fake, RemoteProviders.uniqueName("openai"), "worker-a",
                Map.of("timeout", "700ms", "max-retries", "1"));
        fake.slow(Duration.ofSeconds(5));
        int before = fake.hits();
        long started = System.nanoTime();

        ProviderException failure = failure(provider, fakeProvider.clipChunk("slow"));

        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(ErrorCode.TIMEOUT, failure.errorCode());
        assertTrue(failure.retryable());
        assertEquals(ErrorCode.TIMEOUT, classifier.classify(failure).code());
        assertEquals(2, fake.hits() - before, "the timed-out call is retried once");
        assertTrue(tookMillis < 4000, "two 700 ms timeouts, not two 5 s answers: " + tookMillis + " ms");
        assertFalse(Thread.currentThread().isInterrupted(), "the timeout's interrupt does not leak to the caller");
    }

    private static ProviderException failure(TranscriptionProvider provider, Path clip) {
        return assertThrows(ProviderException.class, () -> provider.transcribe(clip, "en"));
    }

    private static List<Object> atOnce(Callable<Object> first, Callable<Object> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> call : List.of(first, second)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return call.call();
                    } catch (ProviderException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitHalfOpen(String name) {
        Instant giveUp = Instant.now().plusSeconds(10);
        while (pttl("open", name) > 0) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("the breaker did not leave the open state");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private long pttl(String key, String name) {
        return redis.execute("PTTL", "stt:breaker:" + name + ":" + key).toLong();
    }

    private double breakerState(String name) {
        return meters.get("stt.provider.breaker.state").tags("provider", name).gauge().value();
    }

    private double count(String name, String outcome) {
        Timer timer = meters.find("stt.provider.calls").tags("provider", name, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }
}
