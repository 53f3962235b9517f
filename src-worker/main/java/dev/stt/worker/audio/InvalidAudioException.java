package dev.stt.worker.audio;

import dev.stt.common.errors.ErrorCode;

/**
 * The uploaded file is not usable audio: not a media file, no audio stream, undecodable, or no samples.
 * The message is written for the user (it becomes the job's {@code error_message}); ffmpeg's own output, which
 * names server paths, stays in the cause.
 */
public class InvalidAudioException extends RuntimeException {

    public InvalidAudioException(String message) {
        super(message);
    }

    public InvalidAudioException(String message, Throwable cause) {
        super(message, cause);
    }

    public ErrorCode errorCode() {
        return ErrorCode.INVALID_AUDIO;
    }
}
