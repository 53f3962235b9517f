package dev.stt.worker.providers.openai;

import dev.stt.worker.providers.resilience.ResilienceConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * An OpenAI-compatible transcription API: OpenAI itself, Groq, or a self-hosted engine such as speaches or
 * whisper.cpp's server. Fault tolerance keys ({@code STT_OPENAI_TIMEOUT}, {@code STT_OPENAI_MAX_RETRIES}, ...) come
 * from {@link ResilienceConfig}.
 */
@ConfigMapping(prefix = "stt.openai")
public interface OpenAiConfig extends ResilienceConfig {

    /** Where the API lives; requests go to {@code {base-url}/v1/audio/transcriptions}. */
    @WithDefault("https://api.openai.com")
    String baseUrl();

    /** Sent as a bearer token; self-hosted engines often need none. Never logged. */
    Optional<String> apiKey();

    /** The model; it must support {@code verbose_json} with word timestamps ({@code whisper-1} on OpenAI). */
    @WithDefault("whisper-1")
    String model();

    /** The provider's upload limit; chunks are encoded as FLAC, or as Opus when FLAC would exceed it (OpenAI: 25 MiB). */
    @WithDefault("26214400")
    long maxUploadBytes();

    /** How long to wait for a connection to the API. */
    @WithDefault("10s")
    Duration connectTimeout();
}
