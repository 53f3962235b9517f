package dev.stt.api.events;

import dev.stt.api.errors.JobNotFoundException;
import dev.stt.api.errors.OverloadedException;
import dev.stt.api.errors.StillRunningException;
import dev.stt.common.events.JobUpdate;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Waits for a job to end, for requests that answer with the result (the OpenAI-compatible endpoint): a watcher on
 * this instance's {@link JobEventHub}, so the wait costs no polling and hears a job finished by any worker, and
 * checks the job's row once after registering (it may have ended before).
 */
@ApplicationScoped
public class FinalStatus {

    private final JobEventHub hub;
    private final JobStates states;

    public FinalStatus(JobEventHub hub, JobStates states) {
        this.hub = hub;
        this.states = states;
    }

    /**
     * The job's final state (completed, failed or cancelled); fails with {@link StillRunningException} after
     * {@code patience}, with {@link JobNotFoundException} when the job is deleted meanwhile.
     */
    public Uni<JobUpdate> await(UUID jobId, Duration patience) {
        return Uni.createFrom().<JobUpdate>emitter(emitter -> {
                    Waiter waiter = new Waiter(jobId, emitter);
                    if (!hub.add(waiter)) {
                        emitter.fail(new OverloadedException("This API instance serves as many waiting requests as it may; "
                                + "job " + jobId + " was accepted and goes on.", 5));
                        return;
                    }
                    emitter.onTermination(() -> hub.remove(waiter));
                    states.current(Set.of(jobId)).subscribe().with(
                            found -> waiter.reconcile(Optional.ofNullable(found.get(jobId))), emitter::fail);
                })
                .ifNoItem().after(patience).failWith(() -> new StillRunningException(jobId.toString(), patience));
    }

    /** Completes its request's wait with the first final state it hears of. */
    private static final class Waiter implements JobWatcher {

        private final UUID jobId;
        private final UniEmitter<? super JobUpdate> emitter;

        Waiter(UUID jobId, UniEmitter<? super JobUpdate> emitter) {
            this.jobId = jobId;
            this.emitter = emitter;
        }

        @Override
        public UUID jobId() {
            return jobId;
        }

        @Override
        public String lastId() {
            return null;
        }

        @Override
        public void deliver(LiveEvent event) {
            if (event.update().isFinal()) {
                emitter.complete(event.update());
            }
        }

        @Override
        public boolean isBehind(JobUpdate row) {
            return row.isFinal();
        }

        @Override
        public void reconcile(Optional<JobUpdate> row) {
            if (row.isEmpty()) {
                emitter.fail(new JobNotFoundException(jobId.toString()));
            } else if (row.get().isFinal()) {
                emitter.complete(row.get());
            }
        }

        @Override
        public void heartbeat() {
            // a waiting request sends nothing: its connection's idle timeout is extended instead
        }

        @Override
        public void shutdown() {
            emitter.fail(StillRunningException.stopping(jobId.toString()));
        }
    }
}
