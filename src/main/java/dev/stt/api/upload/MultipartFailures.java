package dev.stt.api.upload;

import dev.stt.api.errors.ApiException;
import dev.stt.api.errors.MalformedRequestException;
import dev.stt.api.errors.PayloadTooLargeException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import java.io.IOException;

/**
 * What a failure while decoding a multipart body means for the client. Everything the decoder throws is about the
 * bytes the client sent, so it becomes a 400 or 413 that says what was wrong — never a 500.
 */
final class MultipartFailures {

    private MultipartFailures() {
    }

    static ApiException classify(Throwable failure, long maxFieldBytes) {
        if (failure instanceof HttpPostRequestDecoder.TooManyFormFieldsException) {
            return new MalformedRequestException("The form has too many parts.");
        }
        if (failure instanceof HttpPostRequestDecoder.TooLongFormFieldException) {
            // bytes pile up without a delimiter: the body does not use its boundary, or a part header never ends
            return new MalformedRequestException("The body does not match the boundary its Content-Type names.");
        }
        if (isFieldOverLimit(failure)) {
            return PayloadTooLargeException.formField(maxFieldBytes);
        }
        return new MalformedRequestException("The body is not well-formed multipart/form-data"
                + reason(failure) + ".");
    }

    /** Netty's decoder reports a field over its size limit as an IOException inside its decoding error. */
    private static boolean isFieldOverLimit(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("Size exceed allowed maximum capacity")) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank() || message.length() > 200) {
            return "";
        }
        return " (" + message.strip() + ")";
    }
}
