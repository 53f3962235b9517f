package dev.stt.common.transcript;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats a finished transcript is stored and served in. */
public enum TranscriptFormat {
    JSON("json", "application/json"),
    TXT("txt", "text/plain; charset=utf-8"),
    SRT("srt", "application/x-subrip; charset=utf-8"),
    VTT("vtt", "text/vtt; charset=utf-8");

    private final String extension;
    private final String mediaType;

    TranscriptFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<TranscriptFormat> fromExtension(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extension.equals(wanted)).findFirst();
    }
}
