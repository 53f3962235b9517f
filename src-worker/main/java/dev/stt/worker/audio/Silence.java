package dev.stt.worker.audio;

/** A pause in the recording, in seconds from its start. */
public record Silence(double start, double end) {

    public Silence {
        if (end < start) {
            throw new IllegalArgumentException("silence ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public double middle() {
        return (start + end) / 2;
    }

    public double duration() {
        return end - start;
    }
}
