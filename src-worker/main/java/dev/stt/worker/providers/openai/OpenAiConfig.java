package dev.stt.worker.providers.openai;

import dev.stt.worker.providers.remote.RemoteProviderConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * An OpenAI-compatible transcription API: OpenAI itself, Groq, or a self-hosted engine such as speaches or
 * whisper.cpp's server. The key ({@code STT_OPENAI_API_KEY}, sent as a bearer token), the connect timeout and the
 * fault tolerance keys ({@code STT_OPENAI_TIMEOUT}, {@code STT_OPENAI_MAX_RETRIES}, ...) come from
 * {@link RemoteProviderConfig}.
 */
@ConfigMapping(prefix = "stt.openai")
public interface OpenAiConfig extends RemoteProviderConfig {

    /** Where the API lives; requests go to {@code {base-url}/v1/audio/transcriptions}. */
    @WithDefault("https://api.openai.com")
    String baseUrl();

    /** The model; it must support {@code verbose_json} with word timestamps ({@code whisper-1} on OpenAI). */
    @WithDefault("whisper-1")
    String model();

    /** The provider's upload limit; chunks are encoded as FLAC, or as Opus when FLAC would exceed it (OpenAI: 25 MiB). */
    @WithDefault("26214400")
    long maxUploadBytes();
}
