package dev.stt.api.events;

import dev.stt.common.events.JobUpdate;
import java.util.Optional;
import java.util.UUID;

/**
 * Someone on this API instance waiting for a job's events: an SSE client, or an OpenAI-compatible request waiting for
 * the result. {@link JobEventHub} calls these from its own threads; implementations synchronise themselves and never
 * block.
 */
interface JobWatcher {

    UUID jobId();

    /** The newest stream entry id this watcher has had, or null before its first; catch-ups read after it. */
    String lastId();

    /** An event of the job, possibly one it had already (catch-up after a missed publication): it keeps only newer ones. */
    void deliver(LiveEvent event);

    /** Whether the job's row shows a state this watcher has not had yet (so events went missing, or are on their way). */
    boolean isBehind(JobUpdate row);

    /**
     * The job's row as PostgreSQL has it now (empty: deleted), after the hub caught this watcher up from the job's
     * event stream: a final status it still has not seen means the event was lost, so the row stands in for it.
     */
    void reconcile(Optional<JobUpdate> current);

    /** Called every {@code STT_EVENTS_HEARTBEAT}. */
    void heartbeat();

    /** The API instance is stopping. */
    void shutdown();
}
