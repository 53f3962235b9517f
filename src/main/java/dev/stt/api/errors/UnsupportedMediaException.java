package dev.stt.api.errors;

import dev.stt.common.errors.ErrorCode;

/** The upload's bytes are no audio or video container we accept, whatever its name or content type claim. */
public class UnsupportedMediaException extends ApiException {

    private static final String DETAIL = "The upload is not an audio or video format this service accepts. Accepted formats: "
            + "WAV, MP3, AAC (ADTS), MP4, M4A, MOV, 3GP, FLAC, Ogg (Opus, Vorbis, FLAC), WebM, Matroska, "
            + "FLV, ASF (WMA, WMV), AVI, MPEG program and transport streams, MPEG-1 video.";

    public UnsupportedMediaException() {
        super(415, "Unsupported media", ErrorCode.UNSUPPORTED_MEDIA, DETAIL);
    }
}
