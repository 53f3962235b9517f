package dev.stt.worker.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.errors.ErrorCode;
import dev.stt.common.transcript.Segment;
import dev.stt.worker.providers.ProviderException;
import dev.stt.worker.providers.remote.ChunkEncoder;
import dev.stt.worker.providers.remote.EncodedAudio;
import dev.stt.worker.providers.remote.Languages;
import dev.stt.worker.providers.remote.MultipartForm;
import dev.stt.worker.providers.remote.RemoteProvider;
import dev.stt.worker.providers.resilience.ProviderGuard;
import dev.stt.worker.providers.resilience.ProviderGuards;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * OpenAI's transcription API and the engines that copy it (Groq, speaches, whisper.cpp's server, ...):
 * {@code POST {base}/v1/audio/transcriptions} with the chunk as FLAC (or Opus, to fit the upload limit), asking for
 * {@code verbose_json} with segment and word timestamps.
 */
@Singleton
public class OpenAiProvider extends RemoteProvider {

    public static final String NAME = "openai";

    private final OpenAiConfig config;
    private final ObjectMapper json;
    private final URI endpoint;

    @Inject
    public OpenAiProvider(OpenAiConfig config, ProviderGuards guards, ChunkEncoder encoder, ObjectMapper json) {
        this(config, guards.create(NAME, config), encoder, json);
    }

    /** With a guard of one's own: tests build several, as several workers would have. */
    public OpenAiProvider(OpenAiConfig config, ProviderGuard guard, ChunkEncoder encoder, ObjectMapper json) {
        super(NAME, config, config.maxUploadBytes(), guard, encoder);
        this.config = config;
        this.json = json;
        this.endpoint = endpoint(config.baseUrl(), "/v1/audio/transcriptions");
    }

    @Override
    protected List<Segment> send(EncodedAudio audio, String language) {
        MultipartForm form = new MultipartForm()
                .field("model", config.model())
                .field("response_format", "verbose_json")
                .field("timestamp_granularities[]", "word")
                .field("timestamp_granularities[]", "segment");
        Languages.iso639(language).ifPresent(code -> form.field("language", code));
        form.file("file", audio.fileName(), audio.mediaType(), audio.file());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(config.timeout())
                .header("Content-Type", form.contentType())
                .header("Accept", "application/json")
                .POST(form.publisher());
        http.key().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        String body = http.send(request.build());
        try {
            return VerboseJsonSegments.of(json.readValue(body, VerboseTranscription.class), audio.durationSeconds());
        } catch (JsonProcessingException e) {
            // the same request would get the same answer: the model or engine does not do verbose_json
            throw new ProviderException(ErrorCode.UNKNOWN, false,
                    NAME + " answered, but not with verbose_json (does model '" + config.model() + "' support it?)", e);
        }
    }
}
