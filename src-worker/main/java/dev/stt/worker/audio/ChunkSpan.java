package dev.stt.worker.audio;

/** Chunk {@code index} of a recording: the seconds [{@code startSeconds}, {@code endSeconds}) of the whole. */
public record ChunkSpan(int index, double startSeconds, double endSeconds) {

    public ChunkSpan {
        if (index < 0 || startSeconds < 0 || endSeconds <= startSeconds) {
            throw new IllegalArgumentException("invalid chunk span " + index + ": " + startSeconds + " – " + endSeconds);
        }
    }

    public double durationSeconds() {
        return endSeconds - startSeconds;
    }
}
