package dev.stt.worker.audio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides where to cut a recording into chunks of about the target length. Each cut snaps to a pause near the
 * target so no word is split; with no pause near, it cuts hard at the target. The spans cover the whole recording
 * with no gap and no overlap (each ends exactly where the next starts).
 */
public final class ChunkPlanner {

    /** A cut may move this fraction of the target either way to reach a pause. */
    static final double SNAP_WINDOW = 0.25;

    /** Audio up to this many targets long stays one chunk; cutting it would leave a tiny piece. */
    static final double SINGLE_CHUNK_LIMIT = 1.0 + SNAP_WINDOW;

    /** The last chunk is at least this fraction of the target: a shorter tail joins the chunk before it. */
    static final double MIN_TAIL = SNAP_WINDOW;

    private ChunkPlanner() {
    }

    public static List<ChunkSpan> plan(double durationSeconds, List<Silence> silences, double targetSeconds) {
        if (!(durationSeconds > 0) || !(targetSeconds > 0) || !Double.isFinite(durationSeconds) || !Double.isFinite(targetSeconds)) {
            throw new IllegalArgumentException("duration and target must be positive: " + durationSeconds + ", " + targetSeconds);
        }
        List<Double> cuts = new ArrayList<>();
        double position = 0;
        while (durationSeconds - position > SINGLE_CHUNK_LIMIT * targetSeconds) {
            double ideal = position + targetSeconds;
            double earliest = ideal - SNAP_WINDOW * targetSeconds;
            // never leave a tail shorter than MIN_TAIL; the loop condition keeps the hard cut at `ideal` inside this
            double latest = Math.min(ideal + SNAP_WINDOW * targetSeconds, durationSeconds - MIN_TAIL * targetSeconds);
            double cut = silences.stream()
                    .filter(s -> s.end() >= earliest && s.start() <= latest)
                    .map(s -> new Candidate(s, clamp(s.middle(), Math.max(s.start(), earliest), Math.min(s.end(), latest)), ideal))
                    .min(Comparator.comparingDouble(Candidate::distance)
                            .thenComparing(Comparator.comparingDouble((Candidate c) -> c.silence().duration()).reversed()))
                    .map(Candidate::cut)
                    .orElse(ideal);
            cuts.add(cut);
            position = cut;
        }
        List<ChunkSpan> spans = new ArrayList<>(cuts.size() + 1);
        double start = 0;
        for (double cut : cuts) {
            spans.add(new ChunkSpan(spans.size(), start, cut));
            start = cut;
        }
        spans.add(new ChunkSpan(spans.size(), start, durationSeconds));
        return spans;
    }

    /** Cutting inside {@code silence} at {@code cut}; a long pause reaching into the window is cut inside the window. */
    private record Candidate(Silence silence, double cut, double ideal) {
        double distance() {
            return Math.abs(cut - ideal);
        }
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
