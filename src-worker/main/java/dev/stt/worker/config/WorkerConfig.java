package dev.stt.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The worker's settings; each key can be set as an environment variable ({@code stt.chunk-seconds} → {@code STT_CHUNK_SECONDS}). */
@ConfigMapping(prefix = "stt")
public interface WorkerConfig {

    /** This worker's consumer name in the stream group; defaults to host name and process id. Must be unique per process. */
    Optional<String> workerId();

    /** Chunks transcribed at the same time by this worker process. */
    @WithName("worker-concurrency")
    @WithDefault("2")
    int workerConcurrency();

    /** Target chunk length in seconds; cuts snap to nearby silence. */
    @WithDefault("60")
    double chunkSeconds();

    /** Providers in failover order; a job naming a provider uses that one. */
    @WithDefault("pocketsphinx")
    List<String> providers();

    /** Local scratch space for audio being decoded and cut; emptied after each task. */
    @WithDefault("${java.io.tmpdir}/stt-worker")
    Path workDir();

    /** Where audio and transcripts are stored. */
    S3 s3();

    /** How the worker reads the work stream. */
    Stream stream();

    interface S3 {
        /** The bucket holding every job's objects. */
        @WithDefault("stt")
        String bucket();
    }

    interface Stream {
        /** How long one read waits for new entries before checking for shutdown. */
        @WithDefault("2s")
        Duration blockFor();

        /**
         * An entry unacknowledged for this long is taken over by another worker (its worker died or hung).
         * Must exceed the longest time one chunk may legitimately take (checked at start against the providers' timeouts).
         */
        @WithDefault("15m")
        Duration visibilityTimeout();

        /** How often the consumer looks for entries idle past the visibility timeout (XAUTOCLAIM). */
        @WithDefault("30s")
        Duration reclaimEvery();

        /** After this many deliveries an entry is dead-lettered and its job failed, so a poison entry never loops. */
        @WithDefault("5")
        int maxDeliveries();

        /** How long a stopping worker waits for its in-flight entries before leaving them to others. */
        @WithDefault("30s")
        Duration shutdownGrace();

        /** How long the worker waits at start for the API to have migrated the schema. */
        @WithDefault("5m")
        Duration schemaWait();
    }
}
