package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/**
 * A refusal the framework raised (unknown route, wrong method or media type) or an unexpected failure, as an
 * {@link ApiException}, so it is rendered like every other one.
 */
final class ServerFailure extends ApiException {

    ServerFailure(int status, String title, ErrorCode code, String detail) {
        super(status, title, code, detail);
    }
}
