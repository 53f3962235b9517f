package dev.stt.worker.ingest;

import dev.stt.common.errors.ErrorCode;

/** A download that cannot succeed; the message is fit for the user, the cause goes to the job's log. */
public class DownloadException extends RuntimeException {

    private final ErrorCode code;

    public DownloadException(ErrorCode code, String userMessage) {
        this(code, userMessage, null);
    }

    public DownloadException(ErrorCode code, String userMessage, Throwable cause) {
        super(userMessage, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
