package dev.stt.api.jobs;

import dev.stt.api.security.Owner;
import dev.stt.api.errors.TranscriptNotReadyException;
import dev.stt.api.storage.ObjectStore;
import dev.stt.common.jobs.JobStatus;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.transcript.TranscriptFormat;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Serves a completed job's transcript as the worker stored it. */
@ApplicationScoped
public class TranscriptService {

    private final JobService jobs;
    private final ObjectStore store;

    public TranscriptService(JobService jobs, ObjectStore store) {
        this.jobs = jobs;
        this.store = store;
    }

    public Uni<byte[]> transcript(String jobId, Owner owner, TranscriptFormat format) {
        return jobs.find(jobId, owner)
                .invoke(job -> {
                    if (job.status != JobStatus.COMPLETED) {
                        throw new TranscriptNotReadyException(job.status);
                    }
                })
                .chain(job -> store.getBytes(ObjectKeys.transcript(job.id, format)));
    }
}
