package dev.stt.worker.transcript;

import dev.stt.common.transcript.Segment;
import java.util.List;

/** What one chunk produced: its segments with times relative to the chunk, and where the chunk starts. */
public record ChunkTranscript(double startSeconds, String provider, List<Segment> segments) {

    public ChunkTranscript {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }
}
