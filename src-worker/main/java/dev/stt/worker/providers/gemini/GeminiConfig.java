package dev.stt.worker.providers.gemini;

import dev.stt.worker.providers.resilience.ResilienceConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Google's Gemini API, transcribing through {@code generateContent} with the audio inline. Fault tolerance keys
 * ({@code STT_GEMINI_TIMEOUT}, {@code STT_GEMINI_BREAKER_FAILURES}, ...) come from {@link ResilienceConfig}.
 */
@ConfigMapping(prefix = "stt.gemini")
public interface GeminiConfig extends ResilienceConfig {

    /** Where the API lives; requests go to {@code {base-url}/v1beta/models/{model}:generateContent}. */
    @WithDefault("https://generativelanguage.googleapis.com")
    String baseUrl();

    /** Sent in the {@code x-goog-api-key} header (never in the URL, so it stays out of access logs). Never logged. */
    Optional<String> apiKey();

    /** A model that takes audio input and JSON response schemas. */
    @WithDefault("gemini-2.5-flash")
    String model();

    /** Largest encoded chunk sent inline; a request may carry 20 MB, and base64 adds a third. */
    @WithDefault("14680064")
    long maxUploadBytes();

    /** How long to wait for a connection to the API. */
    @WithDefault("10s")
    Duration connectTimeout();
}
