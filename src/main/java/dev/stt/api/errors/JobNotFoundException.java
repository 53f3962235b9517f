package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** No job with that id, or not one the caller may see: both look the same from outside. */
public class JobNotFoundException extends ApiException {

    public JobNotFoundException(String jobId) {
        super(404, "Job not found", ErrorCode.NOT_FOUND, "No job with id '" + jobId + "'.");
    }
}
