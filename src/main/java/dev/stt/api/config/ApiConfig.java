package dev.stt.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The API's own settings; each key can be set as an environment variable ({@code stt.max-upload-mb} → {@code STT_MAX_UPLOAD_MB}). */
@ConfigMapping(prefix = "stt")
public interface ApiConfig {

    /** Largest accepted upload, in MiB. */
    @WithName("max-upload-mb")
    @WithDefault("500")
    int maxUploadMb();

    /** Language assumed when a request names none. */
    @WithDefault("en")
    String defaultLanguage();

    /** Providers a request may name; the worker tries them in this order when a request names none. */
    @WithDefault("pocketsphinx")
    List<String> providers();

    /** Accepted {@code X-API-Key} values (comma list). None configured: auth is off, for local development only. */
    @WithName("api-keys")
    Optional<List<String>> apiKeys();

    /**
     * Browser origins allowed to call the API (comma list), e.g. {@code https://stt.example.com}; none by default.
     * Applied through {@code quarkus.http.cors.origins}.
     */
    @WithName("cors-origins")
    Optional<List<String>> corsOrigins();

    /** Submissions each API key may make per rate-limit window. */
    @WithName("rate-limit-rpm")
    @WithDefault("10")
    int rateLimitRpm();

    /** The rate-limit window; a minute in production, shorter in tests. */
    @WithName("rate-limit-window")
    @WithDefault("60S")
    Duration rateLimitWindow();

    /** How long a submission waits for the rate-limit counter before going ahead without it (fail-open). */
    @WithName("rate-limit-timeout")
    @WithDefault("500MS")
    Duration rateLimitTimeout();

    /** Where audio and transcripts are stored. */
    S3 s3();

    interface S3 {
        /** The bucket holding every job's objects. */
        @WithDefault("stt")
        String bucket();

        /** Create the bucket at start when it is missing (handy locally; production buckets usually exist). */
        @WithDefault("true")
        boolean createBucket();
    }

    default long maxUploadBytes() {
        return maxUploadMb() * 1024L * 1024L;
    }
}
