package dev.stt.common.storage;

import dev.stt.common.transcript.TranscriptFormat;
import java.util.UUID;

/** Where a job's objects live in the bucket; everything of one job shares {@link #jobPrefix}. */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    public static String jobPrefix(UUID jobId) {
        return "jobs/" + jobId + "/";
    }

    /** The audio as the client sent it. */
    public static String source(UUID jobId) {
        return jobPrefix(jobId) + "source";
    }

    /** One normalised chunk (16 kHz mono PCM WAV). */
    public static String chunkAudio(UUID jobId, int chunkIndex) {
        return jobPrefix(jobId) + "chunks/" + chunkIndex + ".wav";
    }

    public static String transcript(UUID jobId, TranscriptFormat format) {
        return jobPrefix(jobId) + "transcript." + format.extension();
    }
}
