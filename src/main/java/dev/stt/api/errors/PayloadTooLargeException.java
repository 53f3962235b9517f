package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** The upload is larger than {@code STT_MAX_UPLOAD_MB}. */
public class PayloadTooLargeException extends ApiException {

    public PayloadTooLargeException(int maxUploadMb) {
        super(413, "Payload Too Large", ErrorCode.PAYLOAD_TOO_LARGE,
                "Uploads are limited to " + maxUploadMb + " MiB.");
    }
}
