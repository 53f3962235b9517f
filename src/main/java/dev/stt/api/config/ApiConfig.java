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

    /** Limits and read deadlines of HTTP requests. */
    Http http();

    /** Where uploads wait on disk between the network and S3. */
    Upload upload();

    /** The OpenAI-compatible endpoint ({@code POST /v1/audio/transcriptions}). */
    OpenaiCompat openaiCompat();

    interface OpenaiCompat {
        /**
         * How long a request waits for its job before answering 504 with the job's id (the job goes on). The
         * connection's idle timeout is extended to this for the request while it waits.
         */
        @WithName("wait")
        @WithDefault("10M")
        Duration patience();
    }

    interface Http {
        /** Largest request body that is not an upload (the JSON of {@code /transcribe/url}), in bytes. */
        @WithDefault("65536")
        long maxJsonBody();

        /** A request body must grow by at least {@link #minBodyBytes()} in every window this long, or it is cut off (408). */
        @WithDefault("30S")
        Duration bodyProgressWindow();

        /** Bytes a request body must gain per {@link #bodyProgressWindow()}; 16 KiB is ~550 bytes/s. */
        @WithDefault("16384")
        long minBodyBytes();
    }

    interface Upload {
        /** The spool directory (each API process works in a subdirectory of its own); default {@code <tmp>/stt-spool}. */
        Optional<String> spoolDir();

        /** Disk the uploads in flight may use together, in MiB; past it new upload bytes are refused (503 overloaded). */
        @WithDefault("2048")
        long spoolMaxMb();

        /** A spool file older than this that no request holds is a leak, removed by the sweep. */
        @WithDefault("1H")
        Duration spoolMaxAge();

        /** How often the spool is swept (files of dead processes, leaked files). */
        @WithDefault("5M")
        String spoolSweepEvery();
    }

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

    /** An upload request: the file plus room for the multipart framing and the other (small) form fields. */
    default long maxUploadRequestBytes() {
        return maxUploadBytes() + 64 * 1024;
    }
}
