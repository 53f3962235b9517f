package dev.stt.common.transcript;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** A stretch of speech (an utterance) with its words; times in seconds. */
@RegisterForReflection
public record Segment(double start, double end, String text, List<Word> words) {

    public Segment {
        words = words == null ? List.of() : List.copyOf(words);
    }

    public Segment shiftedBy(double offsetSeconds) {
        return new Segment(start + offsetSeconds, end + offsetSeconds, text,
                words.stream().map(w -> w.shiftedBy(offsetSeconds)).toList());
    }
}
