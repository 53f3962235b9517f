package dev.stt.worker.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Webhook deliveries ({@code stt.webhook.secret} → {@code STT_WEBHOOK_SECRET}). */
@ConfigMapping(prefix = "stt")
public interface WebhookConfig {

    /** The API's address as clients reach it, e.g. {@code https://stt.example.com}; makes {@code transcript_url} absolute. */
    Optional<String> publicUrl();

    Webhook webhook();

    interface Webhook {
        /** Signing secret, {@code whsec_} + base64 (Standard Webhooks). Without one, webhooks go out unsigned. */
        Optional<String> secret();

        /** How often this process looks for due deliveries, e.g. {@code 2s}; {@code off} stops it sending any. */
        @WithDefault("2s")
        String pollEvery();

        /** Deliveries in flight at once in this process, on their own threads (never the chunk threads). */
        @WithDefault("4")
        int concurrency();

        /** Longest one attempt may take: connecting, sending, and the receiver's answer. */
        @WithDefault("10s")
        Duration timeout();

        /** Wait before the second attempt; doubles with each further attempt, with jitter. */
        @WithDefault("10s")
        Duration initialBackoff();

        /** Longest wait between two attempts. */
        @WithDefault("1h")
        Duration maxBackoff();

        /** Attempts before a delivery is given up. */
        @WithDefault("10")
        int maxAttempts();

        /** The longest {@code Retry-After} honoured; a receiver asking for more waits this long. */
        @WithDefault("6h")
        Duration maxRetryAfter();

        /**
         * How long a claimed delivery belongs to the worker that claimed it; after that (the worker died) another
         * worker may send it. Must exceed {@link #timeout()}.
         */
        @WithDefault("2m")
        Duration lease();
    }
}
