package dev.stt.worker.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Downloading audio from client-given URLs ({@code stt.ingest.read-timeout} → {@code STT_INGEST_READ_TIMEOUT}). */
@ConfigMapping(prefix = "stt")
public interface IngestConfig {

    /** Largest audio accepted, in MiB: the same cap as for uploads. */
    @WithName("max-upload-mb")
    @WithDefault("500")
    int maxUploadMb();

    Ingest ingest();

    interface Ingest {
        /** Longest wait for the connection to the audio's server. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Longest silence from the server, before and during the transfer. */
        @WithDefault("30s")
        Duration readTimeout();

        /** Longest a whole download may take, however steadily bytes arrive. */
        @WithDefault("30m")
        Duration maxDuration();
    }

    default long maxBytes() {
        return maxUploadMb() * 1024L * 1024L;
    }
}
