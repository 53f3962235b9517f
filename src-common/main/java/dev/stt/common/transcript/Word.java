package dev.stt.common.transcript;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One recognised word; times in seconds, confidence in [0, 1] when the engine reports one. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Word(double start, double end, String word, Double confidence) {

    public Word shiftedBy(double offsetSeconds) {
        return new Word(start + offsetSeconds, end + offsetSeconds, word, confidence);
    }
}
