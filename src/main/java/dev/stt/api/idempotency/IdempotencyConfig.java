package dev.stt.api.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Idempotent submissions ({@code stt.idempotency.*} → {@code STT_IDEMPOTENCY_*}). */
@ConfigMapping(prefix = "stt.idempotency")
public interface IdempotencyConfig {

    /** How long an {@code Idempotency-Key} keeps answering with its first job. */
    @WithDefault("24H")
    Duration ttl();

    /**
     * How long a submission in progress holds its key: requests with the same key wait for it this long at most. A key
     * whose API instance died mid-submission is free again after this.
     */
    @WithDefault("5M")
    Duration lease();
}
