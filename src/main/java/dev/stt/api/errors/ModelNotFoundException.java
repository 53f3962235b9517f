package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** {@code GET /v1/models/{model}} for a name that is neither a provider nor the default list's alias. */
public class ModelNotFoundException extends ApiException {

    public ModelNotFoundException(String model) {
        super(404, "Model not found", ErrorCode.NOT_FOUND, "The model '" + model + "' does not exist.");
    }
}
