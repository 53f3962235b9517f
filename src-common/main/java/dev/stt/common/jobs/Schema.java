package dev.stt.common.jobs;

/** The schema version this build expects; the API migrates to it, the worker waits for it. */
public final class Schema {

    /** Must equal the highest {@code V<n>__*.sql} under {@code db/migration}. */
    public static final int VERSION = 4;

    private Schema() {
    }
}
