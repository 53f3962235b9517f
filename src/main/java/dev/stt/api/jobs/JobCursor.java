package dev.stt.api.jobs;

import dev.stt.api.errors.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/** Where a page of the job list ended: opaque to clients, a keyset position to us. */
public record JobCursor(Instant createdAt, UUID id) {

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        String raw = micros + "/" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static JobCursor decode(String value) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int slash = raw.indexOf('/');
            long micros = Long.parseLong(raw.substring(0, slash));
            return new JobCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(raw.substring(slash + 1)));
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "is not a cursor this API issued");
        }
    }
}
