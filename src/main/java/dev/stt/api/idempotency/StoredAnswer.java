package dev.stt.api.idempotency;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a first submission answered, kept for the requests that repeat it: the status, the body (JSON), the
 * {@code Location}, and the job it created.
 */
@RegisterForReflection
public record StoredAnswer(int status, String body, String location, String jobId) {
}
