package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;
import java.util.Map;

/** A job the client waited for (the OpenAI-compatible endpoint) was cancelled through the jobs API meanwhile. */
public class JobCancelledException extends ApiException {

    public JobCancelledException(String jobId) {
        super(409, "Job cancelled", ErrorCode.JOB_CANCELLED, "The job " + jobId + " was cancelled before it finished.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of(NO_RETRY_HEADER, "false");
    }
}
