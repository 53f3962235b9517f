package dev.stt.api.upload;

import io.vertx.core.MultiMap;
import java.nio.file.Path;

/**
 * A multipart upload as read off the network: the file part spooled to disk, and the other (small) form fields.
 * The spool file is the request's until {@link MultipartUploadReader#discard} frees it.
 */
public record ReceivedUpload(Path file, String fileName, long size, MultiMap fields) {

    /** A form field's value, or null when the form lacks it. */
    public String field(String name) {
        return fields.get(name);
    }
}
