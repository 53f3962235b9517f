package dev.stt.worker.webhooks;

import dev.stt.common.jobs.JobEvent;
import dev.stt.common.net.UrlBlockedException;
import dev.stt.common.webhooks.WebhookDelivery;
import dev.stt.worker.config.WorkerIdentity;
import dev.stt.worker.outbound.GuardedHttpClient;
import dev.stt.worker.outbound.GuardedResponse;
import dev.stt.worker.outbound.OutboundFailure;
import dev.stt.worker.outbound.OutboundTimeouts;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends due webhooks. Every worker process runs a sweep that claims due deliveries from PostgreSQL and sends
 * each on this sender's own threads, never on the chunk threads, so a slow receiver delays nothing else.
 * Each attempt carries the same {@code webhook-id}, a fresh timestamp and a signature over both and the body.
 * 2xx delivers; 410 stops; anything else (3xx included: never followed) is retried with backoff until the
 * attempts run out.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final WebhookStore store;
    private final GuardedHttpClient http;
    private final WebhookConfig.Webhook config;
    private final Optional<WebhookSigner> signer;
    private final RetrySchedule retries;
    private final String worker;
    private final Semaphore freeSlots;
    private final ExecutorService senders;

    public WebhookSender(WebhookStore store, GuardedHttpClient http, WebhookConfig config, WorkerIdentity identity) {
        this.store = store;
        this.http = http;
        this.config = config.webhook();
        if (this.config.lease().compareTo(this.config.timeout()) <= 0) {
            throw new IllegalArgumentException("stt.webhook.lease must exceed stt.webhook.timeout, or a slow attempt "
                    + "could be sent again by another worker while still in flight");
        }
        this.signer = WebhookSigner.fromSecret(this.config.secret());
        if (signer.isEmpty()) {
            LOG.warn("STT_WEBHOOK_SECRET is not set: webhooks are sent unsigned and receivers cannot verify them");
        }
        this.retries = new RetrySchedule(this.config.initialBackoff(), this.config.maxBackoff(), this.config.maxRetryAfter());
        this.worker = identity.id();
        this.freeSlots = new Semaphore(this.config.concurrency());
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(this.config.concurrency(), task -> {
            Thread thread = new Thread(task, "stt-webhook-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Created at start, so a malformed secret or lease stops the worker at once instead of at the first webhook. */
    void checkSettingsAtStart(@Observes StartupEvent event) {
        LOG.debugf("Webhook sender ready, %d at a time", config.concurrency());
    }

    @PreDestroy
    public void close() {
        // an attempt cut short stays claimed until its lease ends; then any worker sends it again
        senders.shutdownNow();
    }

    /** Claims as many due deliveries as there are free sending threads and starts them. */
    @Scheduled(every = "${stt.webhook.poll-every:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        int free = freeSlots.availablePermits();
        if (free == 0) {
            return;
        }
        List<DueDelivery> due;
        try {
            due = store.claimDue(free, config.lease());
        } catch (RuntimeException e) {
            LOG.warnf("Could not look for due webhooks (%s); trying again at the next sweep", e.getMessage());
            return;
        }
        for (DueDelivery delivery : due) {
            freeSlots.acquireUninterruptibly();
            senders.execute(() -> {
                try {
                    attempt(delivery);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Webhook %s: recording the attempt failed; it is retried when its lease ends", delivery.id());
                } finally {
                    freeSlots.release();
                }
            });
        }
    }

    private void attempt(DueDelivery delivery) {
        long timestamp = Instant.now().getEpochSecond();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add(HttpHeaders.CONTENT_TYPE, "application/json")
                .add(HttpHeaders.USER_AGENT, "stt-webhooks")
                .add("webhook-id", delivery.id())
                .add("webhook-timestamp", Long.toString(timestamp));
        signer.ifPresent(s -> headers.add("webhook-signature", s.signature(delivery.id(), timestamp, delivery.payload())));
        Duration timeout = config.timeout();
        WebhookStore.Outcome outcome;
        try {
            GuardedResponse response = http.post(delivery.url(), headers, Buffer.buffer(delivery.payload()),
                    new OutboundTimeouts(timeout, timeout, timeout));
            response.discard();
            outcome = answered(delivery, response.status(), response.header("Retry-After"));
        } catch (UrlBlockedException e) {
            outcome = new WebhookStore.Outcome(WebhookDelivery.FAILED, null, "blocked: " + e.getMessage(), Duration.ZERO,
                    JobEvent.ERROR, "Webhook to " + host(delivery) + " refused: its URL " + e.getMessage()
                            + "; no further attempts");
        } catch (OutboundFailure e) {
            outcome = failed(delivery, null, e.timedOut() ? "timed out" : e.getMessage(), null);
        }
        store.record(delivery, outcome, worker);
    }

    private WebhookStore.Outcome answered(DueDelivery delivery, int status, String retryAfter) {
        if (status >= 200 && status <= 299) {
            return new WebhookStore.Outcome(WebhookDelivery.DELIVERED, status, null, Duration.ZERO, JobEvent.INFO,
                    "Webhook delivered to " + host(delivery) + " (attempt " + delivery.attempt() + ", HTTP " + status + ")");
        }
        if (status == 410) {
            return new WebhookStore.Outcome(WebhookDelivery.FAILED, status, "HTTP 410", Duration.ZERO, JobEvent.WARN,
                    "Webhook receiver " + host(delivery) + " answered 410 Gone; no further attempts");
        }
        return failed(delivery, status, "HTTP " + status, retryAfter);
    }

    private WebhookStore.Outcome failed(DueDelivery delivery, Integer status, String error, String retryAfter) {
        String what = "Webhook attempt " + delivery.attempt() + " to " + host(delivery) + " failed (" + error + ")";
        if (delivery.attempt() >= config.maxAttempts()) {
            return new WebhookStore.Outcome(WebhookDelivery.FAILED, status, truncate(error), Duration.ZERO,
                    JobEvent.ERROR, what + "; given up after " + delivery.attempt() + " attempt(s)");
        }
        Duration wait = retries.after(delivery.attempt(), retryAfter);
        return new WebhookStore.Outcome(WebhookDelivery.PENDING, status, truncate(error), wait, JobEvent.WARN,
                String.format("%s; next attempt in %.1f s", what, wait.toMillis() / 1000.0));
    }

    /** Only the host goes to logs: a webhook URL's path or query may carry the receiver's own secret. */
    private static String host(DueDelivery delivery) {
        try {
            return URI.create(delivery.url()).getHost();
        } catch (IllegalArgumentException e) {
            return "(invalid URL)";
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
