package dev.stt.api.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.api.errors.ApiException;
import dev.stt.api.errors.JobNotFoundException;
import dev.stt.api.errors.OverloadedException;
import dev.stt.api.errors.ServiceUnavailableException;
import dev.stt.api.jobs.JobService;
import dev.stt.api.security.Owner;
import dev.stt.common.events.JobUpdate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Opens a client's event stream of a job: checks the caller may see the job and may open one more stream, registers
 * the stream with this instance's {@link JobEventHub} first (so nothing published from then on is missed), then works
 * out what the client gets first:
 * <ul>
 * <li>a new client: the job's state now, with the id of the job's newest event, so a reconnect resumes after it;</li>
 * <li>a client resuming with {@code Last-Event-ID}: the events after that id; none, with the final status already
 * had, is a 204 (EventSource stops reconnecting). A stream that has expired is answered like a new client.</li>
 * </ul>
 */
@ApplicationScoped
public class EventStreams {

    private final JobService jobs;
    private final JobEventHub hub;
    private final JobEventStreams streams;
    private final JobStates states;
    private final StreamSlots slots;
    private final ObjectMapper json;

    public EventStreams(JobService jobs, JobEventHub hub, JobEventStreams streams, JobStates states, StreamSlots slots,
            ObjectMapper json) {
        this.jobs = jobs;
        this.hub = hub;
        this.streams = streams;
        this.states = states;
        this.slots = slots;
        this.json = json;
    }

    Uni<EventStream> open(String jobId, Owner owner, String subject, String lastEventId) {
        return jobs.find(jobId, owner)
                .chain(job -> slots.take(subject).map(slot -> register(job.id, lastEventId, slot)))
                .chain(stream -> prepare(stream, lastEventId)
                        .onFailure().invoke(stream::end))
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> new ServiceUnavailableException(
                        "Could not open the event stream right now; retry shortly.", e));
    }

    private EventStream register(UUID jobId, String lastEventId, StreamSlots.Slot slot) {
        EventStream[] self = new EventStream[1];
        EventStream stream = new EventStream(jobId, lastEventId, json,
                () -> {
                    hub.remove(self[0]);
                    slots.release(slot);
                },
                () -> slots.renew(slot));
        self[0] = stream;
        if (!hub.add(stream)) {
            slots.release(slot);
            throw new OverloadedException("This API instance serves as many event streams as it may; retry shortly.", 5);
        }
        return stream;
    }

    private Uni<EventStream> prepare(EventStream stream, String lastEventId) {
        UUID jobId = stream.jobId();
        Uni<JobUpdate> row = states.current(Set.of(jobId))
                .map(found -> {
                    JobUpdate update = found.get(jobId);
                    if (update == null) {
                        throw new JobNotFoundException(jobId.toString());
                    }
                    return update;
                });
        if (lastEventId == null) {
            return fresh(stream, row);
        }
        return streams.exists(jobId).chain(exists -> exists ? resume(stream, lastEventId, row) : fresh(stream, row));
    }

    /** The newest event's id first, then the row: a change between the two comes again as a live event. */
    private Uni<EventStream> fresh(EventStream stream, Uni<JobUpdate> row) {
        return streams.newestId(stream.jobId())
                .chain(newest -> row.map(state -> {
                    stream.begin(List.of(LiveEvent.snapshot(newest.orElse(JobEventStreams.BEGINNING), state)), null);
                    return stream;
                }));
    }

    private Uni<EventStream> resume(EventStream stream, String lastEventId, Uni<JobUpdate> row) {
        return streams.from(stream.jobId(), lastEventId)
                .chain(events -> row.map(state -> {
                    // the entry the client named, if still there, is what it last had
                    JobUpdate had = !events.isEmpty() && events.get(0).id().equals(lastEventId) ? events.get(0).update() : null;
                    List<LiveEvent> missed = new ArrayList<>(events.stream().filter(e -> e.after(lastEventId)).toList());
                    boolean sawFinal = had != null && had.isFinal();
                    if (missed.isEmpty() && sawFinal) {
                        stream.noContent();
                    } else if (state.isFinal() && missed.stream().noneMatch(e -> e.update().isFinal())) {
                        // the final status was never published: the row stands in for it
                        missed.add(LiveEvent.fromDatabase(state));
                    }
                    stream.begin(missed, had);
                    return stream;
                }));
    }
}
