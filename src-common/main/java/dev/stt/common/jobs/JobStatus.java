package dev.stt.common.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** uploaded → processing → completed | failed; cancelled when a client stops the job. */
public enum JobStatus {
    UPLOADED,
    PROCESSING,
    COMPLETED,
    FAILED,
    CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public static Optional<JobStatus> fromWireName(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    /** Stores the status as the same lower-case word the API shows, so SQL and API read alike. */
    @jakarta.persistence.Converter
    public static class Converter implements AttributeConverter<JobStatus, String> {
        @Override
        public String convertToDatabaseColumn(JobStatus status) {
            return status == null ? null : status.wireName();
        }

        @Override
        public JobStatus convertToEntityAttribute(String value) {
            return value == null ? null : fromWireName(value).orElseThrow();
        }
    }
}
