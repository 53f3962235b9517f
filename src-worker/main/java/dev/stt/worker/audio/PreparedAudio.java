package dev.stt.worker.audio;

import java.nio.file.Path;
import java.util.List;

/** A recording normalised and cut into chunks, ready to transcribe. */
public record PreparedAudio(Path normalizedWav, double durationSeconds, List<AudioChunk> chunks) {

    public PreparedAudio {
        chunks = List.copyOf(chunks);
    }
}
