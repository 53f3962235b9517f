package dev.stt.worker.stream;

import dev.stt.common.stream.WorkItem;
import dev.stt.worker.config.WorkerConfig;
import dev.stt.worker.config.WorkerIdentity;
import dev.stt.worker.providers.ProviderRegistry;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Reads the work stream as one consumer of the group and runs each entry on a bounded pool of worker
 * threads. An entry is acknowledged only after its handler stored its effect. On start the consumer
 * first finishes its own unacknowledged entries; between reads it takes over entries idle past the
 * visibility timeout (their worker died); an entry delivered too often is dead-lettered. A stopping
 * consumer stops reading, lets its in-flight entries finish for a grace period, and hands back the rest.
 */
@ApplicationScoped
public class WorkConsumer {

    private static final Logger LOG = Logger.getLogger(WorkConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final int PENDING_PAGE = 100;
    /** Quarkus' own default for quarkus.redis.max-pool-size. */
    private static final int QUARKUS_DEFAULT_REDIS_POOL = 6;

    private final WorkQueue queue;
    private final WorkHandler handler;
    private final WorkerConfig config;
    private final String consumer;
    private final SchemaGate schemaGate;
    private final ProviderRegistry providers;
    private final Semaphore freeSlots;
    private final ExecutorService executor;
    private final AtomicInteger threadCount = new AtomicInteger();
    private final Map<String, StreamMessage<String, String, String>> inFlight = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean consuming;
    private Thread loop;
    private long nextReclaimNanos;

    public WorkConsumer(WorkQueue queue, WorkHandler handler, WorkerConfig config, WorkerIdentity identity,
            SchemaGate schemaGate, ProviderRegistry providers) {
        this.queue = queue;
        this.handler = handler;
        this.config = config;
        this.consumer = identity.id();
        this.schemaGate = schemaGate;
        this.providers = providers;
        this.freeSlots = new Semaphore(config.workerConcurrency());
        this.executor = Executors.newFixedThreadPool(config.workerConcurrency(),
                task -> new Thread(task, "stt-work-" + threadCount.incrementAndGet()));
    }

    void start(@Observes StartupEvent event) {
        List<String> problems = settings().problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The worker's stream settings do not fit together: " + String.join("; ", problems));
        }
        running = true;
        loop = new Thread(this::run, "stt-consumer");
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.interrupt();
            loop.join(config.stream().blockFor().toMillis() + 5_000);
        }
        executor.shutdown();
        if (!executor.awaitTermination(config.stream().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
            releaseInFlight();
            executor.shutdownNow();
        }
    }

    /** True once the consumer reads the stream; readiness reports it. */
    public boolean isConsuming() {
        return consuming && loop != null && loop.isAlive();
    }

    public String consumerName() {
        return consumer;
    }

    private ConsumerSettings settings() {
        int redisPool = ConfigProvider.getConfig().getOptionalValue("quarkus.redis.max-pool-size", Integer.class)
                .orElse(QUARKUS_DEFAULT_REDIS_POOL);
        return new ConsumerSettings(config.stream().visibilityTimeout(), providers.longestChunkTimeout(),
                config.stream().blockFor(), config.stream().reclaimEvery(), config.workerConcurrency(), redisPool);
    }

    private void run() {
        schemaGate.awaitSchema(config.stream().schemaWait());
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try {
                queue.ensureGroup();
                resumeOwnPending();
                break;
            } catch (RuntimeException e) {
                LOG.warnf("Cannot reach the work stream yet (%s); retrying", e.getMessage());
                backoff = pause(backoff);
            }
        }
        consuming = true;
        LOG.infof("Consumer %s reading %d entries at a time", consumer, config.workerConcurrency());
        backoff = Duration.ofMillis(100);
        nextReclaimNanos = System.nanoTime() + config.stream().reclaimEvery().toNanos();
        while (running) {
            try {
                freeSlots.acquire();
                int wanted = 1 + freeSlots.drainPermits();
                try {
                    wanted -= reclaimIfDue(wanted);
                    if (wanted > 0) {
                        List<StreamMessage<String, String, String>> entries = queue.next(consumer, wanted,
                                config.stream().blockFor());
                        entries.forEach(this::submit);
                        wanted -= entries.size();
                    }
                } finally {
                    freeSlots.release(wanted);
                }
                backoff = Duration.ofMillis(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("Reading the work stream failed (%s); retrying", e.getMessage());
                    backoff = pause(backoff);
                }
            }
        }
        consuming = false;
    }

    /** Entries this consumer took before a restart: finish them before anything new. */
    private void resumeOwnPending() {
        String after = "0";
        while (running) {
            List<StreamMessage<String, String, String>> page = queue.ownPending(consumer, after, PENDING_PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (StreamMessage<String, String, String> entry : page) {
                freeSlots.acquireUninterruptibly();
                boolean dead;
                try {
                    dead = deadLetterIfExhausted(entry);
                } catch (RuntimeException e) {
                    freeSlots.release();
                    throw e;
                }
                if (dead) {
                    freeSlots.release();
                } else {
                    submit(entry);
                }
                after = entry.id();
            }
        }
    }

    /**
     * Takes over entries another consumer (or this one, before a crash) left unacknowledged too long, at most
     * {@code slots} of them, each run on a slot the caller holds. Runs on the reading thread between reads, so it
     * never competes with the read for slots.
     *
     * @return how many slots it used
     */
    private int reclaimIfDue(int slots) {
        if (System.nanoTime() - nextReclaimNanos < 0) {
            return 0;
        }
        nextReclaimNanos = System.nanoTime() + config.stream().reclaimEvery().toNanos();
        List<StreamMessage<String, String, String>> claimed = queue.claimStale(consumer,
                config.stream().visibilityTimeout(), slots);
        int used = 0;
        for (StreamMessage<String, String, String> entry : claimed) {
            try {
                if (deadLetterIfExhausted(entry)) {
                    continue;
                }
            } catch (RuntimeException e) {
                // it stays pending, now under our name: the next sweep (ours or another worker's) takes it again
                LOG.warnf("Could not check entry %s after taking it over (%s)", entry.id(), e.getMessage());
                continue;
            }
            LOG.infof("Took over entry %s after it was idle for %s", entry.id(), config.stream().visibilityTimeout());
            used++;
            submit(entry);
        }
        return used;
    }

    /** @return true when the entry was delivered too often and went to the dead-letter stream instead */
    private boolean deadLetterIfExhausted(StreamMessage<String, String, String> entry) {
        int deliveries = queue.deliveries(entry.id());
        if (deliveries <= config.stream().maxDeliveries()) {
            return false;
        }
        String reason = "delivered " + deliveries + " times without success";
        try {
            handler.giveUp(WorkItem.fromFields(entry.payload()), deliveries);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not fail the job of dead entry %s", entry.id());
        }
        queue.deadLetter(entry, deliveries, reason);
        LOG.errorf("Entry %s %s; moved to the dead-letter stream", entry.id(), reason);
        return true;
    }

    /** Runs one entry on the pool; the caller holds a slot, released when the entry is done. */
    private void submit(StreamMessage<String, String, String> entry) {
        inFlight.put(entry.id(), entry);
        executor.execute(() -> {
            try {
                process(entry);
            } finally {
                inFlight.remove(entry.id());
                freeSlots.release();
            }
        });
    }

    private void process(StreamMessage<String, String, String> entry) {
        WorkItem item;
        try {
            item = WorkItem.fromFields(entry.payload());
        } catch (IllegalArgumentException e) {
            LOG.errorf("Dropping malformed entry %s: %s", entry.id(), entry.payload());
            queue.ack(entry.id());
            return;
        }
        MDC.put("request_id", item.requestId() == null ? "" : item.requestId());
        MDC.put("job_id", item.jobId().toString());
        try {
            handler.handle(item);
            queue.ack(entry.id());
        } catch (Exception e) {
            if (running) {
                LOG.errorf(e, "Entry %s (%s of job %s) failed; left pending for another delivery", entry.id(),
                        item.kind(), item.jobId());
            } else {
                LOG.infof("Entry %s (%s of job %s) stopped by the shutdown", entry.id(), item.kind(), item.jobId());
            }
        } finally {
            MDC.remove("request_id");
            MDC.remove("job_id");
        }
    }

    /** What did not finish within the shutdown grace goes back to the stream now, not after a visibility timeout. */
    private void releaseInFlight() {
        List<StreamMessage<String, String, String>> unfinished = new ArrayList<>(inFlight.values());
        for (StreamMessage<String, String, String> entry : unfinished) {
            try {
                queue.release(entry);
                LOG.infof("Handed back entry %s unfinished; another worker takes it now", entry.id());
            } catch (RuntimeException e) {
                LOG.warnf("Could not hand back entry %s (%s); it stays pending until another worker takes it over",
                        entry.id(), e.getMessage());
            }
        }
    }

    private static Duration pause(Duration backoff) {
        LockSupport.parkNanos(backoff.toNanos());
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    }
}
