package dev.stt.worker.audio;

import java.nio.file.Path;

/** One chunk's 16 kHz mono WAV file and where it sits in the whole recording. */
public record AudioChunk(ChunkSpan span, Path file) {

    public int index() {
        return span.index();
    }
}
