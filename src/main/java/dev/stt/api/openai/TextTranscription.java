package dev.stt.api.openai;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** OpenAI's {@code json} transcription: {@code {"text": "..."}}. */
@RegisterForReflection
public record TextTranscription(String text) {
}
