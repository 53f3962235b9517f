package dev.stt.worker.stream;

import dev.stt.common.stream.WorkItem;
import dev.stt.worker.config.WorkerConfig;
import dev.stt.worker.config.WorkerIdentity;
import io.quarkus.redis.datasource.stream.PendingMessage;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Reads the work stream as one consumer of the group and runs each entry on a bounded pool of worker
 * threads. An entry is acknowledged only after its handler stored its effect. On start the consumer
 * first finishes its own unacknowledged entries; a periodic sweep takes over entries whose worker died.
 */
@ApplicationScoped
public class WorkConsumer {

    private static final Logger LOG = Logger.getLogger(WorkConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final int PENDING_PAGE = 100;

    private final WorkQueue queue;
    private final WorkHandler handler;
    private final WorkerConfig config;
    private final String consumer;
    private final SchemaGate schemaGate;
    private final Semaphore freeSlots;
    private final ExecutorService executor;
    private final AtomicInteger threadCount = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean consuming;
    private Thread loop;

    public WorkConsumer(WorkQueue queue, WorkHandler handler, WorkerConfig config, WorkerIdentity identity,
            SchemaGate schemaGate) {
        this.queue = queue;
        this.handler = handler;
        this.config = config;
        this.consumer = identity.id();
        this.schemaGate = schemaGate;
        this.freeSlots = new Semaphore(config.workerConcurrency());
        this.executor = Executors.newFixedThreadPool(config.workerConcurrency(),
                task -> new Thread(task, "stt-work-" + threadCount.incrementAndGet()));
    }

    void start(@Observes StartupEvent event) {
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
            LOG.warn("In-flight work did not finish in time; it stays pending and another worker will take it over");
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
        while (running) {
            try {
                freeSlots.acquire();
                int wanted = 1 + freeSlots.drainPermits();
                List<StreamMessage<String, String, String>> entries;
                try {
                    entries = queue.next(consumer, wanted, config.stream().blockFor());
                } catch (RuntimeException e) {
                    freeSlots.release(wanted);
                    throw e;
                }
                freeSlots.release(wanted - entries.size());
                entries.forEach(this::submit);
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
                submit(entry);
                after = entry.id();
            }
        }
    }

    /** Takes over entries another consumer (or this one, before a crash) left unacknowledged too long. */
    @Scheduled(every = "${stt.stream.reclaim-every:30s}", delayed = "${stt.stream.reclaim-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reclaimStale() {
        if (!consuming) {
            return;
        }
        Duration visibility = config.stream().visibilityTimeout();
        for (PendingMessage pending : queue.stalePending(visibility, Math.max(1, freeSlots.availablePermits()))) {
            if (!freeSlots.tryAcquire()) {
                return;
            }
            List<StreamMessage<String, String, String>> claimed = queue.claim(consumer, pending.getMessageId(), visibility);
            if (claimed.isEmpty()) {
                // another worker was faster, or the entry was deleted (Redis then drops it from the pending list)
                freeSlots.release();
                continue;
            }
            StreamMessage<String, String, String> entry = claimed.get(0);
            // the claim counted as a delivery too
            if (pending.getDeliveryCount() + 1 > config.stream().maxDeliveries()) {
                freeSlots.release();
                deadLetter(entry, pending);
            } else {
                LOG.infof("Took over entry %s from %s after %s idle (delivery %d)", entry.id(),
                        pending.getConsumer(), pending.getDurationSinceLastDelivery(), pending.getDeliveryCount() + 1);
                submit(entry);
            }
        }
    }

    private void deadLetter(StreamMessage<String, String, String> entry, PendingMessage pending) {
        String reason = "delivered " + pending.getDeliveryCount() + " times without success";
        try {
            handler.giveUp(WorkItem.fromFields(entry.payload()), pending.getDeliveryCount());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not fail the job of dead entry %s", entry.id());
        }
        queue.deadLetter(pending, entry.payload(), reason);
        LOG.errorf("Entry %s %s; moved to the dead-letter stream", entry.id(), reason);
    }

    /** Runs one entry on the pool; the caller holds a slot, released when the entry is done. */
    private void submit(StreamMessage<String, String, String> entry) {
        executor.execute(() -> {
            try {
                process(entry);
            } finally {
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
            LOG.errorf(e, "Entry %s (%s of job %s) failed; left pending for another delivery", entry.id(),
                    item.kind(), item.jobId());
        } finally {
            MDC.remove("request_id");
            MDC.remove("job_id");
        }
    }

    private static Duration pause(Duration backoff) {
        LockSupport.parkNanos(backoff.toNanos());
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    }
}
