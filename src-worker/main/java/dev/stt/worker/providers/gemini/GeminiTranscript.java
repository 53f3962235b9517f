package dev.stt.worker.providers.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The JSON the model is asked to answer with ({@link GeminiRequests#RESPONSE_SCHEMA}). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiTranscript(List<TimedText> segments) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TimedText(double start, double end, String text) {
    }
}
