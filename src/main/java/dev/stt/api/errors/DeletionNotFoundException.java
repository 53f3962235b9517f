package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** No bulk deletion with that id, or not one the caller started: both look the same from outside. */
public class DeletionNotFoundException extends ApiException {

    public DeletionNotFoundException(String deletionId) {
        super(404, "Deletion not found", ErrorCode.NOT_FOUND, "No deletion with id '" + deletionId + "'.");
    }
}
