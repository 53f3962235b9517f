package dev.stt.common.stream;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of the work stream: either "split this job into chunks" or "transcribe chunk N of this job".
 * The request id travels along so both services' log lines for a job carry the same id.
 */
public record WorkItem(Kind kind, UUID jobId, Integer chunkIndex, String requestId) {

    public enum Kind {
        SPLIT,
        TRANSCRIBE;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind fromWireName(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    private static final String KIND = "kind";
    private static final String JOB_ID = "job_id";
    private static final String CHUNK_INDEX = "chunk_index";
    private static final String REQUEST_ID = "request_id";

    public WorkItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jobId, "jobId");
        if (kind == Kind.TRANSCRIBE && chunkIndex == null) {
            throw new IllegalArgumentException("a transcribe item needs a chunk index");
        }
    }

    public static WorkItem split(UUID jobId, String requestId) {
        return new WorkItem(Kind.SPLIT, jobId, null, requestId);
    }

    public static WorkItem transcribe(UUID jobId, int chunkIndex, String requestId) {
        return new WorkItem(Kind.TRANSCRIBE, jobId, chunkIndex, requestId);
    }

    public Map<String, String> toFields() {
        Map<String, String> fields = new HashMap<>();
        fields.put(KIND, kind.wireName());
        fields.put(JOB_ID, jobId.toString());
        if (chunkIndex != null) {
            fields.put(CHUNK_INDEX, chunkIndex.toString());
        }
        if (requestId != null) {
            fields.put(REQUEST_ID, requestId);
        }
        return fields;
    }

    /** @throws IllegalArgumentException when the entry is not a well-formed work item */
    public static WorkItem fromFields(Map<String, String> fields) {
        try {
            String chunk = fields.get(CHUNK_INDEX);
            return new WorkItem(
                    Kind.fromWireName(fields.get(KIND)),
                    UUID.fromString(fields.get(JOB_ID)),
                    chunk == null ? null : Integer.valueOf(chunk),
                    fields.get(REQUEST_ID));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed work item " + fields, e);
        }
    }
}
