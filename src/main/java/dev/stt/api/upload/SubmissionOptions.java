package dev.stt.api.upload;

import dev.stt.api.config.ApiConfig;
import dev.stt.api.errors.ValidationException;
import java.util.regex.Pattern;

/** The optional fields every submission endpoint takes, checked. */
public record SubmissionOptions(String language, String provider) {

    /** A BCP 47-ish tag: {@code en}, {@code en-US}, {@code pt-BR}. */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");

    public static SubmissionOptions validate(String language, String provider, ApiConfig config) {
        String lang = language == null || language.isBlank() ? config.defaultLanguage() : language.strip();
        if (!LANGUAGE.matcher(lang).matches()) {
            throw new ValidationException("language", "must be a language tag such as 'en' or 'en-US'");
        }
        String chosen = provider == null || provider.isBlank() ? null : provider.strip();
        if (chosen != null && !config.providers().contains(chosen)) {
            throw new ValidationException("provider", "must be one of " + String.join(", ", config.providers()));
        }
        return new SubmissionOptions(lang, chosen);
    }
}
