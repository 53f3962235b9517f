package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;
import java.time.Duration;
import java.util.Map;

/**
 * The OpenAI-compatible endpoint stopped waiting while the job still runs: {@code STT_OPENAI_COMPAT_WAIT} passed, or
 * this API instance is stopping. The job goes on; the message names it so the caller can fetch it from the jobs API
 * instead of uploading again.
 */
public class StillRunningException extends ApiException {

    private StillRunningException(String why, String jobId) {
        super(504, "Gateway Timeout", ErrorCode.TIMEOUT, why + " It is job " + jobId + ": follow it with GET /api/v1/jobs/"
                + jobId + " and fetch the result from GET /api/v1/jobs/" + jobId + "/transcript once it is completed.");
    }

    public StillRunningException(String jobId, Duration waited) {
        this("The transcription is still running after " + waited.toSeconds() + " s.", jobId);
    }

    public static StillRunningException stopping(String jobId) {
        return new StillRunningException("This API instance is stopping; the transcription goes on.", jobId);
    }

    @Override
    public Map<String, String> headers() {
        // an SDK's automatic retry would upload the file again and start a second job
        return Map.of(NO_RETRY_HEADER, "false");
    }
}
