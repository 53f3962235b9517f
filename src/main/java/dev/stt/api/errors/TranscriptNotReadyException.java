package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.jobs.JobStatus;

/** The transcript exists only once the job has completed. */
public class TranscriptNotReadyException extends ApiException {

    public TranscriptNotReadyException(JobStatus status) {
        super(409, "Transcript not available", ErrorCode.JOB_NOT_COMPLETED,
                "The job is '" + status.wireName() + "'; its transcript exists once it is 'completed'.");
    }
}
