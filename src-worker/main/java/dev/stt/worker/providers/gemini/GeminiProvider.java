package dev.stt.worker.providers.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.errors.ErrorCode;
import dev.stt.common.transcript.Segment;
import dev.stt.worker.providers.ProviderException;
import dev.stt.worker.providers.remote.ChunkEncoder;
import dev.stt.worker.providers.remote.EncodedAudio;
import dev.stt.worker.providers.remote.RemoteProvider;
import dev.stt.worker.providers.remote.Segments;
import dev.stt.worker.providers.resilience.ProviderGuard;
import dev.stt.worker.providers.resilience.ProviderGuards;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Google Gemini: {@code POST {base}/v1beta/models/{model}:generateContent} with the chunk inline and a response schema
 * for timestamped segments. Gemini gives segment times only, no per-word times.
 */
@Singleton
public class GeminiProvider extends RemoteProvider {

    public static final String NAME = "gemini";

    private final GeminiConfig config;
    private final ObjectMapper json;
    private final URI endpoint;

    @Inject
    public GeminiProvider(GeminiConfig config, ProviderGuards guards, ChunkEncoder encoder, ObjectMapper json) {
        this(config, guards.create(NAME, config), encoder, json);
    }

    /** With a guard of one's own: tests build several, as several workers would have. */
    public GeminiProvider(GeminiConfig config, ProviderGuard guard, ChunkEncoder encoder, ObjectMapper json) {
        super(NAME, config, config.maxUploadBytes(), guard, encoder);
        this.config = config;
        this.json = json;
        this.endpoint = endpoint(config.baseUrl(),
                "/v1beta/models/" + URLEncoder.encode(config.model(), StandardCharsets.UTF_8) + ":generateContent");
    }

    @Override
    protected List<Segment> send(EncodedAudio audio, String language) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GeminiRequests.generateContent(json, audio, language)));
        http.key().ifPresent(key -> request.header("x-goog-api-key", key));
        String body = http.send(request.build());
        return Segments.withinChunk(segmentsOf(body), audio.durationSeconds());
    }

    /** The model's JSON is text inside the answer's first candidate; a refusal or cut-off answer says why instead. */
    private List<Segment> segmentsOf(String body) {
        try {
            JsonNode answer = json.readTree(body);
            JsonNode candidate = answer.path("candidates").path(0);
            if (candidate.isMissingNode()) {
                String blocked = answer.path("promptFeedback").path("blockReason").asText("no candidates");
                throw unusable("Gemini gave no transcript (" + blocked + ")");
            }
            String finish = candidate.path("finishReason").asText("STOP");
            if (!finish.equals("STOP")) {
                throw unusable("Gemini stopped early (" + finish + ")");
            }
            StringBuilder text = new StringBuilder();
            candidate.path("content").path("parts").forEach(part -> text.append(part.path("text").asText("")));
            GeminiTranscript transcript = json.readValue(text.toString(), GeminiTranscript.class);
            return transcript.segments() == null ? List.of() : transcript.segments().stream()
                    .map(s -> new Segment(s.start(), s.end(), s.text(), List.of()))
                    .toList();
        } catch (JsonProcessingException e) {
            throw unusable("Gemini answered with unreadable JSON: " + e.getOriginalMessage());
        }
    }

    private static ProviderException unusable(String message) {
        // asking again gets the same answer: not retried, not held against the breaker
        return new ProviderException(ErrorCode.UNKNOWN, false, message);
    }
}
