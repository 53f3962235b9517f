package dev.stt.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * OpenAI's {@code verbose_json} transcription: {@code segments} when segment timestamps were asked for (the default),
 * {@code words} when word timestamps were. Segments carry what the engines here know — id, start, end, text — and not
 * Whisper's decoder statistics (tokens, log probabilities), which no engine here produces.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerboseTranscription(String task, String language, double duration, String text, List<Segment> segments,
        List<Word> words) {

    @RegisterForReflection
    public record Segment(int id, double start, double end, String text) {
    }

    @RegisterForReflection
    public record Word(String word, double start, double end) {
    }
}
