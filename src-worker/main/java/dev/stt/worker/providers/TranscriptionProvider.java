package dev.stt.worker.providers;

import dev.stt.common.transcript.Segment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A speech-to-text engine, local or remote. Implementations are blocking and called on worker threads, one chunk at
 * a time; fault tolerance (retries, circuit breaking, failover) is applied around them, not inside.
 */
public interface TranscriptionProvider {

    /** Stable id used in {@code STT_PROVIDERS} and recorded with each chunk it transcribed, e.g. {@code pocketsphinx}. */
    String name();

    /**
     * The longest one {@link #transcribe} call may take, retries included, before it gives up. The work stream's
     * visibility timeout must exceed it, or a slow chunk would be taken over while it is still being worked on.
     */
    Duration chunkTimeout();

    /**
     * Transcribes one chunk.
     *
     * @param chunkWav 16 kHz mono 16-bit PCM WAV
     * @param language the language the user asked for (e.g. {@code en}), or {@code null} when they did not say
     * @return the chunk's segments in order, times in seconds from the start of the chunk
     * @throws ProviderException when the engine fails; its error code and retryability guide the caller
     */
    List<Segment> transcribe(Path chunkWav, String language);
}
