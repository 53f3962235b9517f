package dev.stt.worker.providers.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The {@code verbose_json} answer of {@code /v1/audio/transcriptions}. OpenAI lists words at the top level; faster-whisper
 * based engines (speaches) also nest them in each segment, with a {@code probability}.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record VerboseTranscription(String text, String language, Double duration, List<VerboseSegment> segments,
        List<VerboseWord> words) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record VerboseSegment(double start, double end, String text, List<VerboseWord> words) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record VerboseWord(double start, double end, String word, Double probability) {
    }
}
