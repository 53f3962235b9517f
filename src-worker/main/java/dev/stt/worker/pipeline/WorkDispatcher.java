package dev.stt.worker.pipeline;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.stream.WorkItem;
import dev.stt.worker.config.WorkerIdentity;
import dev.stt.worker.jobs.JobStore;
import dev.stt.worker.stream.WorkHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** Routes each stream entry to the step it asks for. */
@ApplicationScoped
public class WorkDispatcher implements WorkHandler {

    private final SplitStep split;
    private final TranscribeStep transcribe;
    private final JobStore jobs;
    private final WorkerIdentity identity;

    public WorkDispatcher(SplitStep split, TranscribeStep transcribe, JobStore jobs, WorkerIdentity identity) {
        this.split = split;
        this.transcribe = transcribe;
        this.jobs = jobs;
        this.identity = identity;
    }

    @Override
    public void handle(WorkItem item) throws Exception {
        switch (item.kind()) {
            case SPLIT -> split.run(item);
            case TRANSCRIBE -> transcribe.run(item);
        }
    }

    @Override
    public void giveUp(WorkItem item, int deliveries) {
        String what = item.kind() == WorkItem.Kind.SPLIT ? "Preparing the audio" : "Transcribing chunk " + item.chunkIndex();
        jobs.fail(item.jobId(), ErrorCode.UNKNOWN, "Processing failed repeatedly; please resubmit the job.",
                what + " failed on " + deliveries + " deliveries", identity.id(), item.requestId());
    }
}
