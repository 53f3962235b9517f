package dev.stt.worker.providers;

import dev.stt.common.transcript.Segment;
import java.util.List;

/**
 * A chunk's transcript, the provider that made it, and why the providers before it in the failover order did not
 * (e.g. {@code openai: circuit breaker open, not called}); empty when the first one did.
 */
public record ChunkTranscription(String provider, List<Segment> segments, List<String> passedOver) {

    public ChunkTranscription {
        segments = List.copyOf(segments);
        passedOver = List.copyOf(passedOver);
    }
}
