package dev.stt.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;

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
