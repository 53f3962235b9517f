package dev.stt.worker.providers.gemini;

import dev.stt.worker.providers.remote.RemoteProviderConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Google's Gemini API, transcribing through {@code generateContent} with the audio inline. The key
 * ({@code STT_GEMINI_API_KEY}, sent in the {@code x-goog-api-key} header, never in the URL), the connect timeout and the
 * fault tolerance keys ({@code STT_GEMINI_TIMEOUT}, {@code STT_GEMINI_BREAKER_FAILURES}, ...) come from
 * {@link RemoteProviderConfig}.
 */
@ConfigMapping(prefix = "stt.gemini")
public interface GeminiConfig extends RemoteProviderConfig {

    /** Where the API lives; requests go to {@code {base-url}/v1beta/models/{model}:generateContent}. */
    @WithDefault("https://generativelanguage.googleapis.com")
    String baseUrl();

    /** A model that takes audio input and JSON response schemas. */
    @WithDefault("gemini-2.5-flash")
    String model();

    /** Largest encoded chunk sent inline; a request may carry 20 MB, and base64 adds a third. */
    @WithDefault("14680064")
    long maxUploadBytes();
}
