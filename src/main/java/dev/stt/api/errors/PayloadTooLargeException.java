package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** A request is larger than a limit; the detail names the limit that was exceeded. */
public class PayloadTooLargeException extends ApiException {

    private PayloadTooLargeException(String detail) {
        super(413, "Payload Too Large", ErrorCode.PAYLOAD_TOO_LARGE, detail);
    }

    /** The uploaded file (or the whole upload request) is over {@code STT_MAX_UPLOAD_MB}. */
    public static PayloadTooLargeException upload(int maxUploadMb) {
        return new PayloadTooLargeException("Uploads are limited to " + maxUploadMb + " MiB.");
    }

    /** A form field other than the file is over the form-field limit. */
    public static PayloadTooLargeException formField(long maxBytes) {
        return new PayloadTooLargeException("Form fields other than 'file' are limited to " + maxBytes + " bytes each.");
    }

    /** A request body that is not an upload (JSON) is over its limit. */
    public static PayloadTooLargeException body(long maxBytes) {
        return new PayloadTooLargeException("Request bodies other than uploads are limited to " + maxBytes + " bytes.");
    }
}
