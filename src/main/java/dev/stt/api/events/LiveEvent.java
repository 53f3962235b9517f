package dev.stt.api.events;

import dev.stt.common.events.JobEventLog;
import dev.stt.common.events.JobUpdate;

/**
 * One job event on its way to a client: its stream entry id (the SSE {@code id:}; null for a state the API read from
 * PostgreSQL because the event itself went missing), its name ({@code status} or {@code progress}) and the job's state.
 */
public record LiveEvent(String id, String name, JobUpdate update) {

    static LiveEvent snapshot(String lastId, JobUpdate update) {
        return new LiveEvent(lastId, JobEventLog.STATUS, update);
    }

    /** Read from PostgreSQL: no id, so a client's {@code Last-Event-ID} stays where the stream left it. */
    static LiveEvent fromDatabase(JobUpdate update) {
        return new LiveEvent(null, JobEventLog.STATUS, update);
    }

    /** Whether this event comes after {@code lastId} in the job's stream (an event without an id always does). */
    boolean after(String lastId) {
        return id == null || lastId == null || JobEventLog.compareIds(id, lastId) > 0;
    }
}
