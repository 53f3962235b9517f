package dev.stt.api.openai;

import dev.stt.api.config.ApiConfig;
import dev.stt.api.errors.ValidationException;
import dev.stt.api.upload.SubmissionOptions;
import io.vertx.core.MultiMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The form fields of {@code POST /v1/audio/transcriptions}, checked. {@code model} names a provider, or anything else
 * ({@code whisper-1}, {@code gpt-4o-transcribe}, ...) for the default failover list; {@code prompt} and
 * {@code temperature} are accepted (temperature must be a number from 0 to 1, as OpenAI requires) but no engine here
 * uses them.
 */
record TranscriptionRequest(SubmissionOptions options, ResponseFormat format, Set<Granularity> granularities) {

    static final String GRANULARITIES = "timestamp_granularities[]";

    enum Granularity {
        WORD, SEGMENT;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static TranscriptionRequest of(MultiMap fields, ApiConfig config) {
        String model = fields.get("model");
        String provider = model != null && config.providers().contains(model.strip()) ? model.strip() : null;
        SubmissionOptions options = SubmissionOptions.validate(fields.get("language"), provider, config);
        checkTemperature(fields.get("temperature"));
        return new TranscriptionRequest(options, ResponseFormat.parse(fields.get(ResponseFormat.FIELD)),
                granularities(fields.getAll(GRANULARITIES)));
    }

    /** Segments unless words alone were asked for (OpenAI's default is segment). */
    boolean wantsSegments() {
        return granularities.isEmpty() || granularities.contains(Granularity.SEGMENT);
    }

    boolean wantsWords() {
        return granularities.contains(Granularity.WORD);
    }

    private static Set<Granularity> granularities(List<String> values) {
        Set<Granularity> wanted = EnumSet.noneOf(Granularity.class);
        for (String value : values) {
            String name = value.strip().toLowerCase(Locale.ROOT);
            wanted.add(switch (name) {
                case "word" -> Granularity.WORD;
                case "segment" -> Granularity.SEGMENT;
                default -> throw new ValidationException(GRANULARITIES, "must be 'word' or 'segment'");
            });
        }
        return wanted;
    }

    private static void checkTemperature(String temperature) {
        if (temperature == null || temperature.isBlank()) {
            return;
        }
        try {
            double value = Double.parseDouble(temperature.strip());
            if (value >= 0 && value <= 1) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ValidationException("temperature", "must be a number from 0 to 1");
    }
}
