package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.jobs.JobStatus;

/** A job that completed or failed has nothing left to cancel. */
public class JobFinishedException extends ApiException {

    public JobFinishedException(JobStatus status) {
        super(409, "Job already finished", ErrorCode.JOB_FINISHED,
                "The job is '" + status.wireName() + "'; only uploaded or processing jobs can be cancelled.");
    }
}
