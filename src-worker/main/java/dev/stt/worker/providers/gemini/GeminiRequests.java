package dev.stt.worker.providers.gemini;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stt.worker.providers.remote.EncodedAudio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Locale;

/**
 * The {@code generateContent} request: an instruction, the chunk inline as base64, and a response schema that makes the
 * model answer with timestamped segments. Built as a JSON tree: Google's field names are camelCase, unlike ours.
 */
final class GeminiRequests {

    static final String RESPONSE_SCHEMA = """
            {"type": "OBJECT",
             "properties": {"segments": {"type": "ARRAY", "items": {"type": "OBJECT",
               "properties": {"start": {"type": "NUMBER"}, "end": {"type": "NUMBER"}, "text": {"type": "STRING"}},
               "required": ["start", "end", "text"], "propertyOrdering": ["start", "end", "text"]}}},
             "required": ["segments"]}""";

    private static final String INSTRUCTION = "Transcribe this %.1f second audio recording verbatim%s. Answer with its "
            + "segments in order: one per sentence or phrase, at most about 10 seconds long, each with the start and end "
            + "time in seconds from the beginning of the recording (numbers such as 12.5) and the exact words spoken. "
            + "Do not translate, summarise, correct or label speakers. If nothing is spoken, answer with no segments.";

    private GeminiRequests() {
    }

    static String generateContent(ObjectMapper json, EncodedAudio audio, String language) {
        ObjectNode request = json.createObjectNode();
        ArrayNode parts = request.putArray("contents").addObject().put("role", "user").putArray("parts");
        parts.addObject().put("text", String.format(Locale.ROOT, INSTRUCTION, audio.durationSeconds(), languageHint(language)));
        parts.addObject().putObject("inlineData")
                .put("mimeType", audio.mediaType())
                .put("data", base64(audio));
        ObjectNode generation = request.putObject("generationConfig");
        generation.put("responseMimeType", "application/json");
        generation.put("temperature", 0);
        try {
            generation.set("responseSchema", json.readTree(RESPONSE_SCHEMA));
            return json.writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String languageHint(String language) {
        if (language == null || language.isBlank() || language.equalsIgnoreCase("auto")) {
            return "";
        }
        return " (the language is '" + language.strip().replaceAll("[^A-Za-z0-9-]", "") + "')";
    }

    private static String base64(EncodedAudio audio) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(audio.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
