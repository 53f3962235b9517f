package dev.stt.api.openai;

import dev.stt.api.errors.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** OpenAI's {@code response_format} values for transcriptions, and the media type each is answered with (as OpenAI's). */
public enum ResponseFormat {
    JSON("json", "application/json"),
    TEXT("text", "text/plain; charset=utf-8"),
    SRT("srt", "text/plain; charset=utf-8"),
    VTT("vtt", "text/plain; charset=utf-8"),
    VERBOSE_JSON("verbose_json", "application/json");

    static final String FIELD = "response_format";

    private final String wireName;
    private final String mediaType;

    ResponseFormat(String wireName, String mediaType) {
        this.wireName = wireName;
        this.mediaType = mediaType;
    }

    public String wireName() {
        return wireName;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format asked for; {@code json} when none was. */
    static ResponseFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return JSON;
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.wireName.equals(wanted)).findFirst()
                .orElseThrow(() -> new ValidationException(FIELD, "must be one of "
                        + Arrays.stream(values()).map(ResponseFormat::wireName).collect(Collectors.joining(", "))));
    }
}
