package dev.stt.worker.providers.remote;

import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Word;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Tidies what a remote engine returned for one chunk: segments in time order, blank ones dropped, text stripped, and
 * every time inside the chunk (engines overshoot the end by a little, and a language model may invent times).
 */
public final class Segments {

    private Segments() {
    }

    public static List<Segment> withinChunk(List<Segment> segments, double chunkSeconds) {
        List<Segment> tidy = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            String text = segment.text() == null ? "" : segment.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            List<Word> words = new ArrayList<>(segment.words().size());
            for (Word word : segment.words()) {
                String spoken = word.word() == null ? "" : word.word().strip();
                if (!spoken.isEmpty()) {
                    double start = clamp(word.start(), chunkSeconds);
                    words.add(new Word(start, Math.max(start, clamp(word.end(), chunkSeconds)), spoken, word.confidence()));
                }
            }
            double start = clamp(segment.start(), chunkSeconds);
            tidy.add(new Segment(start, Math.max(start, clamp(segment.end(), chunkSeconds)), text, words));
        }
        tidy.sort(Comparator.comparingDouble(Segment::start));
        return tidy;
    }

    /** A confidence or probability as the transcript model wants it: in [0, 1], or absent. */
    public static Double confidence(Double value) {
        return value == null || value.isNaN() ? null : Math.max(0, Math.min(1, value));
    }

    private static double clamp(double seconds, double chunkSeconds) {
        if (Double.isNaN(seconds)) {
            return 0;
        }
        return Math.max(0, Math.min(chunkSeconds, seconds));
    }
}
