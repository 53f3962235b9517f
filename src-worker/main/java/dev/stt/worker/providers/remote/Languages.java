package dev.stt.worker.providers.remote;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The job's language hint (BCP 47, e.g. {@code en-US}) as remote engines take it. */
public final class Languages {

    private static final Pattern ISO_639_1 = Pattern.compile("[a-z]{2}");

    private Languages() {
    }

    /** The two-letter ISO 639-1 code ({@code en}), or empty for no hint, {@code auto}, or a code Whisper would refuse. */
    public static Optional<String> iso639(String language) {
        if (language == null) {
            return Optional.empty();
        }
        String primary = language.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return ISO_639_1.matcher(primary).matches() ? Optional.of(primary) : Optional.empty();
    }
}
